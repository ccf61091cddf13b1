/**
 * A save based on files that have changed since they were loaded is refused, writing nothing: the client sends,
 * for each file it saves, the SHA-256 of the bytes it loaded (or null for a file that must not exist yet), and the
 * CMS API compares them under its write lock, just before the save would be forwarded.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';

/** The SHA-256 of a file's bytes in hex, null when there is no file, and a value no hash can equal for a folder. */
export async function hashOf(file: string): Promise<string | null> {
  try {
    if (!(await lstat(file)).isFile()) return 'not-a-file';
  } catch {
    return null;
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The files (paths relative to `root`) whose bytes are no longer those the client loaded.
 * @example await conflictsOf('/srv/board', { 'content/pledges/2025/a.md': 'e3b0c442…', 'content/pledges/2025/new.md': null }) // → ['content/pledges/2025/a.md']
 */
export async function conflictsOf(root: string, expected: Record<string, string | null>): Promise<string[]> {
  const out: string[] = [];
  for (const [path, hash] of Object.entries(expected)) if ((await hashOf(join(root, path))) !== hash) out.push(path);
  return out;
}

/** The 409 answer: a Chinese message naming the files (the first ten), and all of them in `conflicts`. */
export function conflictAnswer(conflicts: string[]): { status: number; type: string; text: string } {
  const named = conflicts.slice(0, 10).join('、') + (conflicts.length > 10 ? ` 等 ${conflicts.length} 个文件` : '');
  const error = `没有保存：打开以后，${named}已被修改（或新建、删除）。为免覆盖别人的修改，这次没有写入任何文件；请重新载入后再保存。`;
  return { status: 409, type: 'application/json; charset=utf-8', text: JSON.stringify({ error, conflicts }) };
}

const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

/**
 * The first file a write needs absent that is there (a rename target, a new entry's file) or needs present that is
 * gone (a loaded entry, a renamed entry's old name, a file to delete), with the Chinese why; undefined when all are
 * as needed. Checked under the CMS API's write lock, so a second of two concurrent saves sees what the first did.
 * @example await presence(root, { action: 'deleteFiles', fresh: [], present: ['content/members/a.md'] }) // → { path, message: '没有删除：…' } once it is gone
 */
export async function presence(
  root: string,
  o: { body: { action: string }; fresh: string[]; present: string[] },
): Promise<{ path: string; message: string } | undefined> {
  const deleting = o.body.action === 'deleteFile' || o.body.action === 'deleteFiles';
  for (const path of o.present) {
    if (await exists(join(root, path))) continue;
    const message = deleting
      ? `没有删除：“${path}”已不存在（可能刚被别人删除或改名）。请重新载入。`
      : `没有保存：“${path}”已不存在（可能刚被别人删除或改名）。为免把它另存一份，这次没有写入任何文件；请重新载入后再操作。`;
    return { path, message };
  }
  for (const path of o.fresh) {
    if (!(await exists(join(root, path)))) continue;
    const message =
      o.body.action === 'persistMedia'
        ? `没有上传：已有同名文件“${path}”（可能是别人刚上传的，也可能已用在公开的页面上）。为免覆盖它，这次没有写入；请把文件改个名字再上传。`
        : `没有保存：“${path}”已经存在（可能刚被别人新建，或别的条目刚改名为它）。为免覆盖，这次没有写入任何文件；请重新载入后再保存。`;
    return { path, message };
  }
  return undefined;
}
