/**
 * The media folder the CMS uploads into (`public/uploads`, served at
 * `/uploads/` from the site's own origin and copied into `dist/` as it is)
 * may hold only raster images and PDFs, judged by their first bytes
 * (src/lib/mediaKind.ts): an SVG or an HTML page there could run script as
 * the site. Links are refused and never followed, like in the content.
 */
import { closeSync, constants, existsSync, lstatSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { acceptedMedia, mediaKind } from '../lib/mediaKind.ts';
import { problem, type Problem } from '../lib/problem.ts';
import { symlinkMessage } from './readContentFile.ts';
import { displayPath } from './readContentTree.ts';
import { listDir } from './listDir.ts';

/** The media folder under a project root, as the CMS config names it (src/cms/cmsConfig.ts: media_folder). */
export const MEDIA_FOLDER = join('public', 'uploads');

/** The nearest folder at or above `start` that holds a package.json: the project root. Undefined when there is none. */
export function findProjectRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

const kindNames = { png: 'PNG 图片', jpeg: 'JPEG 图片', gif: 'GIF 图片', webp: 'WebP 图片', pdf: 'PDF 文件' } as const;
const ALLOWED = '上传的文件只能是 PNG、JPEG、GIF、WebP 图片或 PDF（SVG、网页等文件可能带有脚本，不能发布）';

/** The first bytes of a file, read without following a link; undefined when it cannot be opened as a file. */
function firstBytes(path: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(16);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Problems with the files under `uploadsDir` (none when it does not exist). Paths are shown relative to `root`.
 * @example checkMedia('/repo/public/uploads', '/repo') // → [{ file: 'public/uploads/x.svg', rule: 'media-type', … }]
 */
export function checkMedia(uploadsDir: string, root = process.cwd()): Problem[] {
  const problems: Problem[] = [];
  const refuse = (path: string, rule: string, message: string) => problems.push(problem({ file: displayPath(path, root), rule, message }));
  const visit = (dir: string) => {
    for (const entry of listDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) refuse(path, 'symlink', symlinkMessage(entry.name));
      else if (entry.isDirectory()) visit(path);
      // An empty .gitkeep only keeps the folder in git; it holds nothing to run.
      else if (entry.name === '.gitkeep' && firstBytes(path)?.length === 0) continue;
      else {
        const bytes = entry.isFile() ? firstBytes(path) : undefined;
        const kind = bytes && mediaKind(bytes);
        if (bytes && acceptedMedia(entry.name, bytes)) continue;
        if (kind)
          refuse(
            path,
            'media-type',
            `“${entry.name}”的内容是 ${kindNames[kind]}，但文件名的扩展名与内容不符：请改成与内容一致的扩展名后重新上传。${ALLOWED}。`,
          );
        else refuse(path, 'media-type', `“${entry.name}”不是图片或 PDF，不能发布：${ALLOWED}。请删除它。`);
      }
    }
  };
  let linked = false;
  try {
    linked = lstatSync(uploadsDir).isSymbolicLink();
  } catch {
    return problems;
  }
  if (linked) refuse(uploadsDir, 'symlink', symlinkMessage(MEDIA_FOLDER.split(/[\\/]/).join('/')));
  else visit(uploadsDir);
  return problems;
}
