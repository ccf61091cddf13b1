/**
 * An .xlsx file is a zip archive: a few megabytes can unpack to gigabytes
 * (a "zip bomb"), and the spreadsheet library unpacks everything into memory
 * before anything can be counted. So the archive is unpacked here first,
 * entry by entry, each held to what is left of a byte budget (zlib stops at
 * `maxOutputLength`, whatever the archive claims), and only an archive that
 * fits is handed on.
 */
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The unpacked size, or why the archive was refused: not a zip archive we can read, or over the budget. */
export type Unpacked = { bytes: number } | { error: 'not-zip' | 'too-large' };

/** The unpacked size of the zip archive `zip`, unpacking at most `budget` bytes. */
export function unpackedSize(zip: Buffer, budget: number): Unpacked {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { error: 'not-zip' };
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return { error: 'not-zip' };
    const method = zip.readUInt16LE(at + 10);
    const packed = zip.readUInt32LE(at + 20);
    const declared = zip.readUInt32LE(at + 24);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) return { error: 'not-zip' };
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + packed > zip.length) return { error: 'not-zip' };
    // A size the archive declares is a claim: over the budget it is refused at once, under it zlib still holds to it.
    if (total + declared > budget) return { error: 'too-large' };
    let size: number;
    if (method === 0) size = packed;
    else if (method === 8) {
      try {
        size = inflateRawSync(zip.subarray(start, start + packed), { maxOutputLength: Math.max(1, budget - total) }).length;
      } catch (err) {
        return { error: (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'not-zip' };
      }
    } else return { error: 'not-zip' };
    total += size;
    if (total > budget) return { error: 'too-large' };
  }
  return { bytes: total };
}
