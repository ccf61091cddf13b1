/**
 * The Chinese commit message of a save made through the CMS API under `npm start` (src/cms/commitSave.ts): what
 * was done to which entry, named as the secretary knows it — `更新承诺：每月为学困生义务辅导一次（content/pledges/2025/a.md）`.
 * The name is read from the file as it is written (or, for a deletion, as it was): the collection's identifying
 * field (承诺事项, 姓名 …) from the same Decap config the admin gets.
 */
import { cmsConfig } from './cmsConfig.ts';
import { parseJson, parseMarkdown } from '../lib/parseContentFile.ts';
import type { CmsPaths } from './cmsPaths.ts';

/** One entry file a save wrote (or a deletion removed). */
export interface SavedFile {
  path: string;
  /** The file's text as written, or as it was before a deletion; absent when unreadable. */
  raw?: string;
  /** The file existed before this save. */
  existed: boolean;
  /** A rename's new path. */
  newPath?: string;
}

export interface SaveDescription {
  action: 'persistEntry' | 'persistMedia' | 'deleteFile' | 'deleteFiles';
  /** The collection Decap named (persistEntry). */
  collection?: string;
  files: SavedFile[];
  /** Media files written or deleted. */
  media: string[];
  /** Decap's own commit message; kept as a last line only when written in Chinese (Decap's defaults are English). */
  clientMessage?: string;
}

type Labels = Map<string, { label: string; identifier: string }>;
let labelsCache: Labels | undefined;

function labels(): Labels {
  if (labelsCache) return labelsCache;
  const config = cmsConfig({ backend: { name: 'proxy' }, contentDir: 'content' }) as {
    collections: { name: string; label: string; label_singular?: string; identifier_field?: string }[];
  };
  labelsCache = new Map(
    config.collections.map((c) => [c.name, { label: c.label_singular ?? c.label, identifier: c.identifier_field ?? 'title' }]),
  );
  return labelsCache;
}

/** A name for a message: one line, no control characters, at most 60 characters. */
function oneLine(value: unknown): string {
  const s = String(value)
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** The collection a file belongs to: the one Decap named, else the first whose folder (or file) holds it. */
function collectionOf(paths: CmsPaths, path: string, named?: string): string | undefined {
  const holders = [
    ...paths.files.filter((f) => f.file === path).map((f) => f.collection),
    ...paths.folders.filter((f) => path.startsWith(`${f.folder}/`)).map((f) => f.collection),
  ];
  return named && holders.includes(named) ? named : holders[0];
}

/** How the entry is known: its identifying field (with its date when that is an id, as for a check), else its file name. */
function entryName(file: SavedFile, identifier: string): string {
  const fallback = file.path
    .split('/')
    .pop()!
    .replace(/\.(md|json)$/, '');
  if (file.raw === undefined) return fallback;
  const data = (file.path.endsWith('.json') ? parseJson(file.raw, file.path).data : parseMarkdown(file.raw, file.path).data) as
    | Record<string, unknown>
    | undefined;
  const id = data?.[identifier] ?? data?.title ?? data?.name;
  if (typeof id !== 'string' && typeof id !== 'number') return fallback;
  const date = identifier !== 'title' && identifier !== 'name' && typeof data?.date === 'string' ? ` ${data.date}` : '';
  return oneLine(`${id}${date}`) || fallback;
}

function entryLine(paths: CmsPaths, file: SavedFile, verb: string, named?: string): { label: string; name: string; line: string } {
  const collection = collectionOf(paths, file.path, named);
  const { label, identifier } = labels().get(collection ?? '') ?? { label: '条目', identifier: 'title' };
  const name = entryName(file, identifier);
  const where = file.newPath ? `${file.path} → ${file.newPath}` : file.path;
  return { label, name, line: `${verb}${label}：${name}（${where}）` };
}

const fileName = (path: string) => path.split('/').pop()!;

/**
 * The message: a subject line naming the entry (or the first three entries of a larger save), then one line per
 * file when there are several.
 * @example saveMessage(paths, { action: 'persistEntry', collection: 'pledges', files: [{ path: 'content/pledges/2025/a.md', raw, existed: true }], media: [] })
 * // → '更新承诺：每月为学困生义务辅导一次（content/pledges/2025/a.md）'
 */
export function saveMessage(paths: CmsPaths, save: SaveDescription): string {
  const lines: string[] = [];
  let subject: string;
  if (save.action === 'persistEntry') {
    const described = save.files.map((f) => entryLine(paths, f, f.existed ? '更新' : '新建', save.collection));
    if (described.length === 1) subject = described[0].line;
    else {
      const verb = save.files.every((f) => f.existed) ? '更新' : save.files.every((f) => !f.existed) ? '新建' : '保存';
      const names = described
        .slice(0, 3)
        .map((d) => d.name)
        .join('、');
      subject = `${verb} ${described.length} 项${described[0].label}：${names}${described.length > 3 ? '等' : ''}`;
      lines.push(...described.map((d) => d.line));
    }
    lines.push(...save.media.map((m) => `上传文件：${m}`));
  } else if (save.action === 'persistMedia') {
    subject = `上传文件：${fileName(save.media[0])}（${save.media[0]}）`;
  } else {
    const all = [...save.files.map((f) => entryLine(paths, f, '删除').line), ...save.media.map((m) => `删除文件：${fileName(m)}（${m}）`)];
    subject = all.length === 1 ? all[0] : `删除 ${all.length} 个文件`;
    if (all.length > 1) lines.push(...all);
  }
  const client = (save.clientMessage ?? '')
    .split(/\r?\n/)[0]
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (/[\u3400-\u9fff]/.test(client)) lines.push(`后台说明：${client.slice(0, 200)}`);
  return lines.length ? `${subject}\n\n${lines.join('\n')}\n` : `${subject}\n`;
}
