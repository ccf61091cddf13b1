/**
 * `round`: the round of a per-round file. An existing file's round is its
 * folder (`pledges/2025/…`), shown and never asked for, so files written by
 * hand or imported, which carry no `round`, open and save unchanged. A new
 * file asks, with the current round already chosen; the file is then saved
 * in that round's folder.
 */
import { createElement as h, useEffect, type ReactElement } from 'react';
import { labelOf, useSiteFacts } from '../siteFacts.ts';
import type { WidgetProps } from './widgetProps.ts';

/** The content folder a Decap collection edits (`org-pledges` is a view of `pledges`). */
export function folderOf(collection: string): string {
  return collection === 'org-pledges' ? 'pledges' : collection;
}

/** The round folder of a per-round file path (`content/pledges/2025/x.md` → `2025`); undefined for a flat path. */
export function roundOfPath(path: unknown, folder: string): string | undefined {
  if (typeof path !== 'string') return undefined;
  const rest = path.split(`${folder.replace(/\/$/, '')}/`)[1];
  const parts = rest?.split('/') ?? [];
  return parts.length === 2 ? parts[0] : undefined;
}

export function RoundControl({ field, entry, value, onChange, forID, classNameWrapper }: WidgetProps): ReactElement {
  useSiteFacts();
  const isNew = Boolean(entry.get('newRecord'));
  const fallback = String(field.get('default') ?? '');
  // A new file starts in the current round: put it in the data, which names the folder the file is saved in.
  useEffect(() => {
    if (isNew && !value && fallback) onChange(fallback);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isNew]);
  const style = { width: '100%', fontSize: '15px', padding: '0.5rem', boxSizing: 'border-box' as const };
  if (!isNew) {
    const folder = roundOfPath(entry.get('path'), folderOf(String(entry.get('collection') ?? '')));
    const round = folder ?? (typeof value === 'string' ? value : '');
    return h('input', {
      id: forID,
      className: classNameWrapper,
      'data-pb-widget': 'round',
      style,
      readOnly: true,
      value: round ? `${labelOf(round, ['rounds'])}（${round}）` : '（未知）',
    });
  }
  const options =
    ((field.get('options') as { toJS?: () => unknown } | undefined)?.toJS?.() as { label: string; value: string }[] | undefined) ?? [];
  const chosen = typeof value === 'string' && value ? value : fallback;
  return h(
    'select',
    {
      id: forID,
      className: classNameWrapper,
      'data-pb-widget': 'round',
      style,
      value: chosen,
      onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    },
    options.map((o) => h('option', { key: o.value, value: o.value }, `${o.label}（${o.value}）`)),
  );
}

export function RoundPreview({ value }: { value: unknown }): ReactElement {
  return h('span', null, typeof value === 'string' ? labelOf(value, ['rounds']) : '');
}
