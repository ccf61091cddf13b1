/**
 * Hostile content for the hostile-content tests and `npm run bench:hostile`: the same inputs in both, so the
 * benchmark measures what the tests prove is refused.
 */
import { constants, deflateRawSync } from 'node:zlib';

/** Front matter of `text` with `lines` added at its top. */
export const withFront = (text: string, lines: string) => text.replace(/^---\n/, `---\n${lines}`);

/** A billion-laughs alias bomb: 9 levels of 9 aliases, 9^9 (387 million) items once expanded, in under 1 KB. */
export function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let level = 1, prev = 'a'; level < 9; level += 1) {
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    prev = name;
  }
  return `${lines.join('\n')}\n`;
}

/** One file of a zip archive: `data` as it is, or `head`, then `chunk` `times` over, then `tail`. */
export interface ZipPart {
  name: string;
  data?: string;
  repeat?: { head: string; chunk: string; times: number; tail: string };
  /** The unpacked size its headers claim, when not the truth. */
  claim?: number;
}

const SYNC = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };

/**
 * A file's deflate stream. A repeated chunk is compressed once and its blocks written `times` over: each piece is
 * compressed on its own, so none refers back past its start, and the archive is made in milliseconds whatever it
 * unpacks to.
 */
function deflated(p: ZipPart): { packed: Buffer; size: number } {
  if (!p.repeat) {
    const data = Buffer.from(p.data ?? '');
    return { packed: deflateRawSync(data), size: data.length };
  }
  const { head, chunk, times, tail } = p.repeat;
  const block = deflateRawSync(chunk, SYNC);
  const packed = Buffer.concat([deflateRawSync(head, SYNC), ...Array<Buffer>(times).fill(block), deflateRawSync(tail)]);
  return { packed, size: Buffer.byteLength(head) + Buffer.byteLength(chunk) * times + Buffer.byteLength(tail) };
}

/**
 * A zip archive of `parts`, each deflated. The CRC-32 fields are left 0: neither the readers here nor the
 * spreadsheet library check them, and a bomb's is never reached.
 */
export function zipArchive(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { packed, size: truth } = deflated(part);
    const size = part.claim ?? truth;
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * An .xlsx workbook of one sheet named `sheetName` whose `<sheetData>` holds `rows` (XML, or a repeated chunk):
 * the few parts Excel needs around it.
 */
export function xlsxOfSheet(
  sheetName: string,
  rows: string | { head: string; chunk: string; times: number; tail: string },
  claim?: number,
): Buffer {
  const open = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`;
  const close = '</sheetData></worksheet>';
  const sheet: ZipPart =
    typeof rows === 'string'
      ? { name: 'xl/worksheets/sheet1.xml', data: `${open}${rows}${close}` }
      : { name: 'xl/worksheets/sheet1.xml', repeat: { ...rows, head: `${open}${rows.head}`, tail: `${rows.tail}${close}` }, claim };
  return zipArchive([
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    sheet,
  ]);
}

/** A row of inline-string cells (no shared strings needed), numbered (row and cells, as Excel writes them) when `r` is given. */
export const xlsxRow = (cells: string[], r?: number) =>
  `<row${r ? ` r="${r}"` : ''}>${cells
    .map((c, i) => `<c${r ? ` r="${String.fromCharCode(65 + i)}${r}"` : ''} t="inlineStr"><is><t>${c}</t></is></c>`)
    .join('')}</row>`;

/** The roster's header, as `npm run import` reads it. */
const rosterHeader = ['姓名', '所在支部', '职务', '岗位', '状态'];

/**
 * The roster bomb of issue 22: 1.4 MB on disk, `unpackedMb` (default 336) MB of sheet once unpacked — a header,
 * then the same member row over and over (no row numbers, which Excel's format allows). With `understated`, its
 * headers claim the sheet unpacks to 1 KB: only counting while unpacking finds out.
 */
export function xlsxBomb({ unpackedMb = 336, understated = false } = {}): Buffer {
  const row = xlsxRow(['张三', '第一支部', '', '数学教师', '在职']);
  const chunk = row.repeat(Math.ceil(1_048_576 / Buffer.byteLength(row)));
  return xlsxOfSheet(
    '名册',
    {
      head: xlsxRow(rosterHeader),
      chunk,
      times: Math.ceil((unpackedMb * 2 ** 20) / Buffer.byteLength(chunk)),
      tail: '',
    },
    understated ? 1024 : undefined,
  );
}
