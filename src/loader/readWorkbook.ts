/**
 * Reads an .xlsx workbook within limits, for the roster import (src/loader/readTable.ts) and the month-sheet
 * import (src/loader/readMonthSheet.ts). The archive is unpacked a piece at a time (src/loader/zipEntries.ts) and
 * each piece parsed as it comes (saxes, a streaming XML parser): the unpacked bytes, the rows holding a value, the
 * XML elements and each run of text between two tags are counted while reading, and reading stops at the first
 * one past its limit. Nothing is unpacked or parsed whole first, so what a workbook costs is bounded by the limits,
 * not by what its archive unpacks to.
 */
import { posix } from 'node:path';
import { SaxesParser } from 'saxes';
import { cellOf, excelDate, formatCode, isDateFormat, MAX_COLUMN, MAX_ROW } from '../lib/excelFormats.ts';
import { formatBytes, formatCount } from '../schemas/contentLimits.ts';
import { type Budget, unpack, ZipError, type ZipEntry, zipEntries } from './zipEntries.ts';

/** How much one workbook may hold. */
export interface WorkbookLimits {
  /** Bytes unpacked, all parts together. */
  unpackedBytes: number;
  /** Rows holding a value, in each sheet read (header rows included). */
  rows: number;
  /** XML elements (cells, values, rows, formats…), all parts together. */
  markup: number;
}

/** Bytes between two tags: Excel holds at most 32,767 characters in a cell. */
export const RUN_BYTES = 1024 * 1024;
/** Elements inside one another: a sheet's deepest is about six. */
const MAX_DEPTH = 32;

/** A cell's value as the workbook stores it: a date in a date format is a Date (UTC). */
export type CellValue = string | number | boolean | Date | { error: string } | null;

export interface Cell {
  value: CellValue;
  /** The number format's code, for a number. */
  numFmt?: string;
  /** The formula, without its `=`, when the cell holds one (its value is then the result Excel saved). */
  formula?: string;
}

export interface Sheet {
  name: string;
  /** The rows holding a cell with a value or a formula, by row number (from 1); a row's cells by column (from 0). */
  rows: Map<number, Cell[]>;
}

/** Why reading stopped. */
export type Refusal =
  | { rule: 'not-xlsx' }
  | { rule: 'unpacked' }
  | { rule: 'markup' }
  | { rule: 'text-run' }
  | { rule: 'rows'; sheet: string };

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.rule);
  }
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

interface Handler {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

interface Reading {
  zip: Buffer;
  entries: Map<string, ZipEntry>;
  budget: Budget;
  limits: WorkbookLimits;
  markup: number;
}

/** Parses the part at `path` as it is unpacked; false when the archive has no such part. */
async function parsePart(r: Reading, path: string, h: Handler): Promise<boolean> {
  const entry = r.entries.get(path);
  if (!entry) return false;
  const parser = new SaxesParser();
  let depth = 0;
  let since = 0;
  parser.on('error', () => {
    throw new Refused({ rule: 'not-xlsx' });
  });
  parser.on('opentag', (tag) => {
    since = 0;
    depth += 1;
    r.markup += 1;
    if (depth > MAX_DEPTH) throw new Refused({ rule: 'not-xlsx' });
    if (r.markup > r.limits.markup) throw new Refused({ rule: 'markup' });
    h.open?.(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    since = 0;
    depth -= 1;
    h.close?.(localName(tag.name));
  });
  const text = (t: string) => {
    since = 0;
    h.text?.(t);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for await (const piece of unpack(r.zip, entry, r.budget)) {
    parser.write(decoder.decode(piece, { stream: true }));
    // What the parser holds between two tags (text, an attribute, a comment) grows with every piece until a tag ends it.
    since += piece.length;
    if (since > RUN_BYTES) throw new Refused({ rule: 'text-run' });
  }
  parser.write(decoder.decode());
  parser.close();
  return true;
}

/** A relationship's target as a path in the archive (`worksheets/sheet1.xml` is `xl/worksheets/sheet1.xml`). */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : posix.normalize(`xl/${target}`));

/** The number format of each cell style (`s="3"` is the fourth `<xf>` of `<cellXfs>`). */
async function readStyles(r: Reading, path: string): Promise<(string | undefined)[]> {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  const open: string[] = [];
  await parsePart(r, path, {
    open(name, a) {
      if (name === 'numFmt' && open.at(-1) === 'numFmts') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      if (name === 'xf' && open.at(-1) === 'cellXfs') ids.push(Number(a.numFmtId ?? 0));
      open.push(name);
    },
    close: () => void open.pop(),
  });
  return ids.map((id) => formatCode(id, custom));
}

/** The shared strings, in order: each item's text runs joined, its phonetic guide (`<rPh>`) left out. */
async function readStrings(r: Reading, path: string): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  await parsePart(r, path, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't') inText = phonetic === 0;
    },
    close(name) {
      if (name === 'si') strings.push(current);
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inText = false;
    },
    text(t) {
      if (inText) current += t;
    },
  });
  return strings;
}

interface Open {
  column: number;
  type: string;
  style: number;
  v?: string;
  f?: string;
  shared?: { si: string; master: boolean };
  inline?: string;
}

/** The rows of the sheet part at `path`; throws a `rows` refusal at the first row holding a value past the limit. */
async function readSheet(
  r: Reading,
  name: string,
  path: string,
  o: { strings: string[]; styles: (string | undefined)[]; date1904: boolean },
): Promise<Sheet> {
  const rows = new Map<number, Cell[]>();
  const sharedFormulas = new Map<string, string>();
  let row = 0;
  let column = 0;
  let counted = 0;
  let cell: Open | undefined;
  let into: 'v' | 'f' | 'inline' | undefined;
  let phonetic = 0;
  const valueOfCell = (c: Open, numFmt: string | undefined): CellValue => {
    if (c.type === 's') return c.v === undefined ? null : (o.strings[Number(c.v)] ?? '');
    if (c.type === 'inlineStr') return c.inline ?? null;
    if (c.v === undefined) return null;
    if (c.type === 'str') return c.v;
    if (c.type === 'b') return c.v === '1' || c.v === 'true';
    if (c.type === 'e') return { error: c.v };
    if (c.type === 'd') return Number.isNaN(Date.parse(c.v)) ? c.v : new Date(c.v);
    const n = Number(c.v);
    if (c.v.trim() === '' || !Number.isFinite(n)) return null;
    return isDateFormat(numFmt) ? excelDate(n, o.date1904) : n;
  };
  const store = (c: Open) => {
    if (c.shared) {
      if (c.shared.master) sharedFormulas.set(c.shared.si, c.f ?? '');
      else if (!c.f) c.f = sharedFormulas.get(c.shared.si) ?? '';
    }
    const numFmt = o.styles[c.style];
    const value = valueOfCell(c, numFmt);
    if (value === null && c.f === undefined) return;
    let cells = rows.get(row);
    if (!cells) {
      counted += 1;
      if (counted > r.limits.rows) throw new Refused({ rule: 'rows', sheet: name });
      cells = [];
      rows.set(row, cells);
    }
    cells[c.column - 1] = {
      value,
      ...(typeof value === 'number' && numFmt && numFmt !== 'General' ? { numFmt } : {}),
      ...(c.f !== undefined ? { formula: c.f } : {}),
    };
  };
  await parsePart(r, path, {
    open(tag, a) {
      if (tag === 'row') {
        row = a.r === undefined ? row + 1 : Number(a.r);
        column = 0;
        if (!Number.isInteger(row) || row < 1 || row > MAX_ROW) throw new Refused({ rule: 'not-xlsx' });
      } else if (tag === 'c') {
        const at = a.r === undefined ? undefined : cellOf(a.r);
        if (a.r !== undefined && !at) throw new Refused({ rule: 'not-xlsx' });
        column = at ? at.column : column + 1;
        if (column > MAX_COLUMN) throw new Refused({ rule: 'not-xlsx' });
        cell = { column, type: a.t ?? 'n', style: Number(a.s ?? 0) };
      } else if (!cell) return;
      else if (tag === 'v') {
        cell.v = '';
        into = 'v';
      } else if (tag === 'f') {
        cell.f = '';
        into = 'f';
        if (a.t === 'shared' && a.si !== undefined) cell.shared = { si: a.si, master: a.ref !== undefined };
      } else if (tag === 'is') cell.inline = '';
      else if (tag === 'rPh') phonetic += 1;
      else if (tag === 't' && cell.inline !== undefined && phonetic === 0) into = 'inline';
    },
    close(tag) {
      if (tag === 'c' && cell) {
        store(cell);
        cell = undefined;
      } else if (tag === 'rPh') phonetic -= 1;
      if (tag === 'v' || tag === 'f' || tag === 't' || tag === 'c') into = undefined;
    },
    text(t) {
      if (cell && into) cell[into] = (cell[into] ?? '') + t;
    },
  });
  return { name, rows };
}

/**
 * The sheets of the workbook `zip` (`which`: every sheet, or only the first), or why reading stopped.
 * Throws only for a fault of its own; a workbook it cannot read is a `not-xlsx` refusal.
 */
export async function readWorkbook(
  zip: Buffer,
  limits: WorkbookLimits,
  which: 'all' | 'first' = 'all',
): Promise<{ sheets: Sheet[] } | { refused: Refusal }> {
  try {
    const r: Reading = { zip, entries: zipEntries(zip), budget: { left: limits.unpackedBytes }, limits, markup: 0 };
    const listed: { name: string; rel: string }[] = [];
    let date1904 = false;
    const found = await parsePart(r, 'xl/workbook.xml', {
      open(name, a) {
        if (name === 'sheet') listed.push({ name: a.name ?? '', rel: Object.entries(a).find(([k]) => localName(k) === 'id')?.[1] ?? '' });
        else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      },
    });
    if (!found) return { refused: { rule: 'not-xlsx' } };
    const rels = new Map<string, { target: string; type: string }>();
    await parsePart(r, 'xl/_rels/workbook.xml.rels', {
      open(name, a) {
        if (name === 'Relationship' && a.Id && a.Target) rels.set(a.Id, { target: partPath(a.Target), type: a.Type ?? '' });
      },
    });
    const ofType = (type: string) => [...rels.values()].find((x) => x.type.endsWith(`/${type}`))?.target;
    const styles = await readStyles(r, ofType('styles') ?? 'xl/styles.xml');
    const strings = await readStrings(r, ofType('sharedStrings') ?? 'xl/sharedStrings.xml');
    const sheets: Sheet[] = [];
    for (const s of which === 'first' ? listed.slice(0, 1) : listed) {
      const path = rels.get(s.rel)?.target;
      sheets.push(path ? await readSheet(r, s.name, path, { strings, styles, date1904 }) : { name: s.name, rows: new Map() });
    }
    return { sheets };
  } catch (err) {
    if (err instanceof Refused) return { refused: err.refusal };
    if (err instanceof ZipError) return { refused: { rule: err.rule === 'too-large' ? 'unpacked' : 'not-xlsx' } };
    throw err;
  }
}

/**
 * A refusal other than `rows` in Chinese, naming the file and the limit: `what` the workbook should have been
 * (名册, 记实表), `advice` what to do instead.
 */
export function refusalMessage(
  refusal: Exclude<Refusal, { rule: 'rows' }>,
  file: string,
  limits: WorkbookLimits,
  what: string,
  advice: string,
): string {
  switch (refusal.rule) {
    case 'not-xlsx':
      return `无法读取“${file}”：它不是 .xlsx 文件，或已经损坏。请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入。`;
    case 'unpacked':
      return `“${file}”解压后超过 ${formatBytes(limits.unpackedBytes)}，不像是${what}，没有读完：${advice}`;
    case 'markup':
      return `“${file}”里的单元格和标记超过 ${formatCount(limits.markup)} 个，不像是${what}，没有读完：${advice}`;
    case 'text-run':
      return `“${file}”里有一段文字超过 ${formatBytes(RUN_BYTES)}（Excel 一格最多 32,767 个字），不像是${what}，没有读完：${advice}`;
  }
}
