/**
 * The bytes of one file, read as carefully as a content file
 * (src/loader/readContentFile.ts): never through a symbolic link, never a
 * pipe or device, never more than `maxBytes`. The import compares these
 * bytes with the export's SHA-256 and writes the file back from them, so a
 * byte-order mark or CRLF line ends survive.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { formatBytes } from '../schemas/contentLimits.ts';

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export type BoundedRead = { bytes: Buffer } | { missing: true } | { refused: string };

/** The file's bytes; `missing` when there is no such file; `refused` (a Chinese reason) for a link, a non-file or a file over `maxBytes`. */
export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    if (code === 'ELOOP' || code === 'EMLINK') return { refused: '是符号链接（快捷方式），不会通过它读写' };
    return { refused: '无法读取：请确认它没有被其他程序占用，并且有读取权限' };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { refused: '不是普通文件' };
    if (stat.size > maxBytes) return { refused: `太大（${formatBytes(stat.size)}），最大 ${formatBytes(maxBytes)}` };
    // One byte more than allowed is asked for, so a file that grew after fstat is still caught.
    const buf = Buffer.alloc(stat.size + 1);
    let read = 0;
    for (let n = 1; n > 0 && read < buf.length; read += n) n = readSync(fd, buf, read, buf.length - read, null);
    if (read > maxBytes) return { refused: `太大，最大 ${formatBytes(maxBytes)}` };
    return { bytes: buf.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/** The SHA-256 of some bytes, in lower-case hex: what the export writes beside each row and the import compares. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
