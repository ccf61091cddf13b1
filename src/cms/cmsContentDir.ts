/**
 * The content folder as the CMS names it: relative to the project root, where decap-server reads and writes.
 * `CONTENT_DIR` inside the project (e.g. `本支部/` or `examples/monthly`) is edited in place; a folder outside the
 * project cannot be reached by decap-server, so the CMS is not offered for it (undefined) rather than editing
 * `content/` behind the secretary's back.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { contentDir } from '../loader/contentDir.ts';

export function cmsContentDir(root = process.cwd(), dir = contentDir()): string | undefined {
  const rel = relative(root, dir);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Why the CMS cannot edit a content folder outside the project. */
export function outsideMessage(dir: string): string {
  return `内容目录“${dir}”在项目文件夹之外，内容管理后台（decap-server）只能编辑项目文件夹内的文件：请把这个目录移到项目文件夹内，再用 CONTENT_DIR 指定它。`;
}
