/**
 * The files of a zip archive (an .xlsx is one), unpacked a piece at a time. A few megabytes can unpack to
 * gigabytes (a "zip bomb"), and the sizes an archive declares are only claims: every byte unpacked is counted
 * against one budget shared by the whole archive, and unpacking stops at the first byte over it.
 */
import { createInflateRaw } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const PIECE = 64 * 1024;

/** One file of the archive: where its packed bytes are, and what it claims to unpack to. */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  start: number;
  packed: number;
  declared: number;
}

/** Why an archive could not be read: not a zip archive we can read (`not-zip`), or over its budget (`too-large`). */
export class ZipError extends Error {
  constructor(readonly rule: 'not-zip' | 'too-large') {
    super(rule);
    this.name = 'ZipError';
  }
}

/** The files of the zip archive `zip`, by name (the first of two of one name); throws `ZipError('not-zip')`. */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not-zip');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError('not-zip');
    const method = zip.readUInt16LE(at + 10);
    const packed = zip.readUInt32LE(at + 20);
    const declared = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, Math.min(zip.length, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new ZipError('not-zip');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + packed > zip.length || (method !== 0 && method !== 8)) throw new ZipError('not-zip');
    if (!out.has(name)) out.set(name, { name, method, start, packed, declared });
  }
  return out;
}

/** What is left to unpack of one archive: shared by every file read from it. */
export interface Budget {
  left: number;
}

/**
 * The unpacked bytes of `entry`, in pieces of at most 64 KB, each counted against `budget` before it is handed
 * on; throws `ZipError('too-large')` at the first piece over it (a size declared over it is refused before
 * unpacking anything), `ZipError('not-zip')` for data that does not unpack.
 */
export async function* unpack(zip: Buffer, entry: ZipEntry, budget: Budget): AsyncGenerator<Buffer> {
  if (entry.declared > budget.left) throw new ZipError('too-large');
  const data = zip.subarray(entry.start, entry.start + entry.packed);
  const take = (piece: Buffer) => {
    budget.left -= piece.length;
    if (budget.left < 0) throw new ZipError('too-large');
    return piece;
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += PIECE) yield take(data.subarray(at, at + PIECE));
    return;
  }
  // The inflater's output is pulled a piece at a time: leaving the loop early destroys it, unpacking no more.
  const inflater = createInflateRaw({ chunkSize: PIECE });
  inflater.end(data);
  try {
    for await (const piece of inflater) yield take(piece as Buffer);
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('not-zip');
  } finally {
    inflater.destroy();
  }
}
