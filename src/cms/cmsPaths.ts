/**
 * The only paths the CMS API may touch, read from the same Decap config the
 * admin gets: each collection's folder (with its file extension and whether
 * files sit one round folder deep), each single-file collection's file, and
 * the media folder. Everything else in the project (src/, config files,
 * package.json, .git/) is out of reach.
 */
import { cmsConfig } from './cmsConfig.ts';

export interface CmsFolder {
  collection: string;
  folder: string;
  extension: string;
  /** How many folders deep a file may sit under `folder` (1 for `{{round}}/{{slug}}`). */
  subfolders: number;
}

export interface CmsPaths {
  folders: CmsFolder[];
  files: { collection: string; file: string }[];
  mediaFolder: string;
  collections: string[];
  branch: string;
}

type Collection = { name: string; folder?: string; extension?: string; path?: string; files?: { file: string }[] };

/** The paths of the content folder `contentDir` (relative to the project root; default `content`). */
export function cmsPaths(branch = 'main', contentDir = 'content'): CmsPaths {
  const config = cmsConfig({ backend: { name: 'proxy' }, contentDir }) as { media_folder: string; collections: Collection[] };
  const folders: CmsFolder[] = [];
  const files: CmsPaths['files'] = [];
  for (const c of config.collections) {
    if (c.folder)
      folders.push({
        collection: c.name,
        folder: c.folder,
        extension: c.extension ?? 'md',
        subfolders: (c.path ?? '').split('/').length - 1,
      });
    for (const f of c.files ?? []) files.push({ collection: c.name, file: f.file });
  }
  return { folders, files, mediaFolder: config.media_folder, collections: config.collections.map((c) => c.name), branch };
}
