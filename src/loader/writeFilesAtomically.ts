/**
 * Writes several files all or nothing: each new text goes to a temporary file
 * beside its target (same folder, so the rename never crosses a disk), and
 * only when every one is written are they renamed over their targets. A
 * target that changed since it was read is not overwritten; a rename that
 * fails puts back the files already renamed, from the bytes they had. The
 * temporary names start with a dot, which the content reader ignores, should
 * one ever be left behind.
 */
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface FileWrite {
  file: string;
  /** What the file holds now: it is written only if it still does. */
  before: Buffer;
  after: Buffer;
}

/** The file operations used, so a test can make one fail. */
export type FileOps = Pick<typeof fs, 'readFileSync' | 'writeFileSync' | 'renameSync' | 'unlinkSync' | 'statSync'>;

export type Written = { ok: true } | { ok: false; message: string };

const tempOf = (file: string, i: number) => join(dirname(file), `.${basename(file)}.${process.pid}-${i}.tmp`);

/** Writes every `after`, or none; a failure is a Chinese message naming the file. */
export function writeFilesAtomically(writes: readonly FileWrite[], ops: FileOps = fs): Written {
  const temps: string[] = [];
  const removeTemps = () => {
    for (const t of temps) {
      try {
        ops.unlinkSync(t);
      } catch {
        // Already renamed or never written.
      }
    }
  };
  try {
    for (const [i, w] of writes.entries()) {
      if (!ops.readFileSync(w.file).equals(w.before)) {
        removeTemps();
        return fail(`${w.file} 在检查之后又被修改了。请重新导入（会重新检查）。`);
      }
      const temp = tempOf(w.file, i);
      ops.writeFileSync(temp, w.after, { flag: 'wx', mode: ops.statSync(w.file).mode & 0o777 });
      temps.push(temp);
    }
  } catch (err) {
    removeTemps();
    return fail(`准备写入时出错（${(err as NodeJS.ErrnoException).code ?? '未知原因'}）。请确认承诺文件还在、有写入权限、磁盘没有满。`);
  }
  const renamed: FileWrite[] = [];
  for (const [i, w] of writes.entries()) {
    try {
      ops.renameSync(temps[i], w.file);
      renamed.push(w);
    } catch (err) {
      removeTemps();
      const lost: string[] = [];
      for (const r of renamed) {
        try {
          ops.writeFileSync(r.file, r.before);
        } catch {
          lost.push(r.file);
        }
      }
      const code = (err as NodeJS.ErrnoException).code ?? '未知原因';
      if (lost.length)
        return {
          ok: false,
          message: `写入 ${w.file} 时失败（${code}），而且 ${lost.join('、')} 没能恢复原样：请用 git 或备份恢复这些文件，再重新导入。`,
        };
      return fail(
        `写入 ${w.file} 时失败（${code}），可能被其他程序占用；已写入的文件都已恢复原样。请关闭正在打开这些文件的程序后重新导入。`,
      );
    }
  }
  return { ok: true };

  function fail(why: string): Written {
    return { ok: false, message: `没有写入任何文件：${why}` };
  }
}
