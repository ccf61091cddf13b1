/**
 * A scope build carries only the uploads its own pages refer to. Astro copies the whole media folder
 * (`public/uploads/`) into every build; an image or PDF attached to an internal bulletin or an evaluation would then
 * ship in the public build too, named and fetchable. After Astro has written the site, every text file it emitted
 * (pages, open data, feeds) is read for `/uploads/<name>`; an upload nothing refers to is removed from the output,
 * never from the media folder. The pages are built from the scope's content alone (src/lib/projectScope.ts), so what
 * they refer to is what the scope publishes.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { uploadRefs } from '../lib/uploadRefs.ts';

/** Files that can refer to an upload by its address. */
const textFiles = new Set(['.html', '.xml', '.json', '.csv', '.txt', '.js', '.css', '.webmanifest', '.yml']);

function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, rel) : e.isFile() ? [rel] : [];
  });
}

/** Every folder under `dir`, parents before their children. */
function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => [join(dir, e.name), ...folders(join(dir, e.name))]);
}

/** Removes from the built site in `dir` the uploads none of its files refers to; returns how many were kept and removed. */
export function pruneUploads(dir: string): { kept: number; removed: number } {
  const uploadsDir = join(dir, 'uploads');
  if (!existsSync(uploadsDir)) return { kept: 0, removed: 0 };
  const uploads = files(uploadsDir);
  if (!uploads.length) return { kept: 0, removed: 0 };
  const referred = new Set<string>();
  for (const rel of files(dir)) {
    if (rel.startsWith('uploads/') || !textFiles.has(extname(rel).toLowerCase())) continue;
    const text = readFileSync(join(dir, rel), 'utf8');
    if (text.includes('uploads/')) for (const ref of uploadRefs(text)) referred.add(ref);
  }
  let removed = 0;
  for (const rel of uploads) {
    if (referred.has(rel)) continue;
    rmSync(join(uploadsDir, rel), { force: true });
    removed += 1;
  }
  // Folders left empty go too, deepest first, the uploads folder itself last.
  for (const f of [...folders(uploadsDir).reverse(), uploadsDir]) if (readdirSync(f).length === 0) rmdirSync(f);
  return { kept: uploads.length - removed, removed };
}
