/**
 * What a write through the CMS API is about to change, read just before it is forwarded to decap-server: which
 * entry files exist already (新建 or 更新) and the text of files about to be deleted (to name them in the commit
 * message, src/cms/saveMessage.ts). After the write, the paths to commit.
 */
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SaveDescription, SavedFile } from './saveMessage.ts';

const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

/** A file to be deleted is read for its name only when it is a plain file of a content file's size. */
const readableSize = 1024 * 1024;

/** Describes a checked write (`body` as src/cms/checkApiRequest.ts rebuilt it); `media` is the media folder. */
export async function describeSave(
  root: string,
  media: string,
  body: { action: string; params: Record<string, unknown> },
): Promise<SaveDescription> {
  const p = body.params;
  const isMedia = (path: string) => path.startsWith(`${media}/`);
  const action = body.action as SaveDescription['action'];
  if (action === 'persistEntry') {
    const entries = (p.dataFiles ?? [p.entry]) as { path: string; raw: string; newPath?: string }[];
    const files: SavedFile[] = [];
    for (const e of entries)
      files.push({ path: e.path, raw: e.raw, existed: await exists(join(root, e.path)), ...(e.newPath && { newPath: e.newPath }) });
    const options = p.options as { collectionName?: string; commitMessage?: string };
    return {
      action,
      collection: options.collectionName,
      files,
      media: ((p.assets ?? []) as { path: string }[]).map((a) => a.path),
      clientMessage: options.commitMessage,
    };
  }
  if (action === 'persistMedia') return { action, files: [], media: [(p.asset as { path: string }).path] };
  const targets = action === 'deleteFile' ? [p.path as string] : (p.paths as string[]);
  const files: SavedFile[] = [];
  for (const path of targets.filter((t) => !isMedia(t))) {
    const stat = await lstat(join(root, path)).catch(() => undefined);
    const raw = stat?.isFile() && stat.size <= readableSize ? await readFile(join(root, path), 'utf8') : undefined;
    files.push({ path, existed: stat !== undefined, ...(raw !== undefined && { raw }) });
  }
  return { action, files, media: targets.filter(isMedia) };
}

/** The paths a write touched: entry files (both names of a rename) and media files. */
export const touched = (d: SaveDescription) => [...d.files.flatMap((f) => (f.newPath ? [f.path, f.newPath] : [f.path])), ...d.media];
