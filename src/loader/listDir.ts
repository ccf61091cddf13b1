import { opendirSync, type Dirent } from 'node:fs';

/**
 * The entries of `dir`, sorted by name; none when it cannot be opened. At most `max` + 1 are listed, so a huge
 * folder is never read whole (the caller sees that the limit was passed).
 */
export function listDir(dir: string, max = Infinity): Dirent[] {
  if (max < 0) return [];
  let handle;
  try {
    handle = opendirSync(dir);
  } catch {
    return [];
  }
  const out: Dirent[] = [];
  try {
    for (let e = handle.readSync(); e && out.length <= max; e = handle.readSync()) out.push(e);
  } finally {
    handle.closeSync();
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
