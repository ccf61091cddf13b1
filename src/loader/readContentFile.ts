/**
 * Reads one content file as text, safely: never through a symbolic link
 * (one could publish any file of the machine), never a file over the size
 * limit (its size is known before a byte is read), never a pipe or device
 * (reading one can wait forever), and only valid UTF-8 — a file saved as
 * GBK or Windows-1252 would otherwise be published as mojibake.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { formatBytes } from '../schemas/contentLimits.ts';

/** Why a file was not read, as a rule and a Chinese message. */
export interface ReadRefusal {
  rule: string;
  message: string;
}

// O_NOFOLLOW: a link put in place after the folder was listed is still not followed. O_NONBLOCK: a pipe is not waited on.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The message for a symbolic link in the content or media folder. */
export function symlinkMessage(name: string): string {
  return `“${name}”是符号链接（快捷方式），不允许放在这里：它可能指向本机的任何文件，而且会被公开发布。请删除它，把真正的文件复制进来。`;
}

/** The first line holding a byte that is not UTF-8, counted from 1. */
function badUtf8Line(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\uFFFD');
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/**
 * The text of the file at `path`, or why it was refused. `maxBytes` is checked on the open file before it is read.
 * @example readContentFile('/repo/content/members/li.md', 1 << 20) // → { text: '---\nname: 李明…', bytes: 64 }
 */
export function readContentFile(path: string, maxBytes: number): { text: string; bytes: number } | { refused: ReadRefusal; bytes: number } {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK')
      return { refused: { rule: 'symlink', message: symlinkMessage(path.split(/[\\/]/).pop() ?? path) }, bytes: 0 };
    if (code === 'ENOENT') return { refused: { rule: 'missing', message: '文件不存在（可能刚被删除或移走）。' }, bytes: 0 };
    return { refused: { rule: 'unreadable', message: '无法读取这个文件：请确认它没有被其他程序占用，并且有读取权限。' }, bytes: 0 };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return {
        refused: { rule: 'file-type', message: '这不是普通文件（可能是管道或设备）：内容文件夹里只能放 .md 文件。请删除它。' },
        bytes: 0,
      };
    if (stat.size > maxBytes) {
      return {
        refused: {
          rule: 'file-too-large',
          message: `文件太大：${formatBytes(stat.size)}，一个内容文件最大 ${formatBytes(maxBytes)}。请精简内容；图片和长篇材料请作为附件上传，不要写进内容文件。`,
        },
        bytes: stat.size,
      };
    }
    // One byte more than allowed is asked for, so a file that grew after fstat is still caught.
    const buf = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let read = 0;
    for (let n = 1; n > 0 && read < buf.length; read += n) n = readSync(fd, buf, read, buf.length - read, null);
    if (read > maxBytes)
      return {
        refused: {
          rule: 'file-too-large',
          message: `文件太大：超过 ${formatBytes(maxBytes)}，一个内容文件最大 ${formatBytes(maxBytes)}。请精简内容。`,
        },
        bytes: read,
      };
    const bytes = buf.subarray(0, read);
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes: read };
    } catch {
      return {
        refused: {
          rule: 'encoding',
          message: `文件不是 UTF-8 编码（第 ${badUtf8Line(bytes)} 行起有无法识别的字节，可能是用 GBK 或 ANSI 保存的），发布后会显示成乱码。请用记事本打开它，点“文件”→“另存为”，在“编码”中选 UTF-8 后保存。`,
        },
        bytes: read,
      };
    }
  } finally {
    closeSync(fd);
  }
}
