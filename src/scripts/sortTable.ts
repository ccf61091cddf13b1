/**
 * Sortable tables, as progressive enhancement: a `<table data-sortable>` is a
 * plain table without JavaScript; with it, each `<th data-sort-type>` of the
 * header gets a button that sorts the body by that column. Cells carry their
 * figure in `data-sort` (numbers sort as numbers, an empty or missing value
 * last in either direction); the header's `aria-sort` says the current order.
 */

type Direction = 'ascending' | 'descending';

function sortValue(cell: Element | undefined, numeric: boolean): number | string | null {
  const raw = cell?.getAttribute('data-sort') ?? '';
  if (raw === '') return null;
  if (!numeric) return raw;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Sorts `table`'s body by column `index`; stable, missing values last. */
export function sortRows(table: HTMLTableElement, index: number, direction: Direction, numeric: boolean): void {
  const body = table.tBodies[0];
  if (!body) return;
  const collator = new Intl.Collator('zh-CN');
  const sign = direction === 'ascending' ? 1 : -1;
  const rows = [...body.rows].map((row, i) => ({ row, i, v: sortValue(row.cells[index], numeric) }));
  rows.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return c === 0 ? a.i - b.i : sign * c;
  });
  body.append(...rows.map((r) => r.row));
}

/** Adds the sort buttons to every `table[data-sortable]` on the page, once. */
export function enhanceSortableTables(root: ParentNode = document): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    if (table.dataset.sortReady) continue;
    table.dataset.sortReady = 'true';
    const headers = [...(table.tHead?.rows[0]?.cells ?? [])];
    headers.forEach((th, index) => {
      const type = th.getAttribute('data-sort-type');
      if (!type) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => {
        const current = th.getAttribute('aria-sort');
        const first = (th.getAttribute('data-sort-first') as Direction | null) ?? 'ascending';
        const direction: Direction = current === 'ascending' ? 'descending' : current === 'descending' ? 'ascending' : first;
        for (const other of headers) if (other !== th) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', direction);
        sortRows(table, index, direction, type === 'number');
      });
    });
  }
}
