/**
 * What the CMS API lets through to decap-server. decap-server itself only
 * checks that a path stays inside the project; this allows only Decap's own
 * actions, only paths in the collections' folders and the media folder
 * (cmsPaths), only media that are really raster images or PDF, and reports
 * whether the request writes (writes are run one at a time). What goes on is
 * a body rebuilt from the checked fields only: decap-server acts on fields
 * no one asked it to (e.g. `hasSubfolders`, which moves a whole folder with a
 * renamed entry), so nothing unchecked may reach it.
 *
 * Pure: the file system checks (symlinks, files that must or must not
 * exist) are done by the caller on the paths returned here, under its write
 * lock for a write.
 */
import { acceptedMedia } from '../lib/mediaKind.ts';
import type { CmsPaths } from './cmsPaths.ts';

export const limits = {
  /** One entry file as Decap sends it. */
  entryBytes: 5 * 1024 * 1024,
  /** Entry files saved together by one request (本月记实 saves a month's records for a whole branch at once). */
  dataFiles: 200,
  /** One uploaded image or PDF. */
  mediaBytes: 10 * 1024 * 1024,
};

export type ApiCheck =
  | {
      ok: true;
      write: boolean;
      /** Paths to check on disk: none may be or pass through a symlink. */
      paths: string[];
      /** Files that must not exist yet: rename targets, and a new entry's files (outside the review workflow). */
      fresh: string[];
      /**
       * Files that must still exist: a renamed entry's old name, the files deleted, and a loaded entry's files
       * (Decap's `newEntry: false`, outside the review workflow). One gone since means someone else deleted or
       * renamed it: saving would bring it back beside the renamed one.
       */
      present: string[];
      /** What is sent on to decap-server: only the fields checked here, rebuilt (never the request as it came). */
      body: { action: string; params: Record<string, unknown> };
      /**
       * persistEntry's `options.expected`: for each entry file the client loaded, the SHA-256 (lowercase hex) of
       * the bytes it loaded, or null for a file that must not exist yet. Checked by the caller, never forwarded.
       */
      expected?: Record<string, string | null>;
    }
  | { ok: false; status: number; message: string };

/** Options of the check beyond the paths. */
export interface ApiRules {
  /** The editorial workflow is on (false in npm run lan: simple publishing, every save a commit on the branch). */
  workflow: boolean;
}

const workflowActions = new Set([
  'unpublishedEntries',
  'unpublishedEntry',
  'unpublishedEntryDataFile',
  'unpublishedEntryMediaFile',
  'updateUnpublishedEntryStatus',
  'publishUnpublishedEntry',
  'deleteUnpublishedEntry',
]);
const statuses = ['draft', 'pending_review', 'pending_publish'];

const readActions = new Set([
  'info',
  'entriesByFolder',
  'entriesByFiles',
  'getEntry',
  'unpublishedEntries',
  'unpublishedEntry',
  'unpublishedEntryDataFile',
  'unpublishedEntryMediaFile',
  'getMedia',
  'getMediaFile',
  'getDeployPreview',
]);
const writeActions = new Set([
  'persistEntry',
  'persistMedia',
  'deleteFile',
  'deleteFiles',
  'updateUnpublishedEntryStatus',
  'publishUnpublishedEntry',
  'deleteUnpublishedEntry',
]);

class Refused extends Error {
  constructor(
    message: string,
    readonly status = 403,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** At most 80 characters of a value, for a message. */
const shown = (v: unknown) => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
};

function str(params: Record<string, unknown>, key: string): string {
  const v = params[key];
  if (typeof v !== 'string' || !v) throw new Refused(`参数 ${key} 应是非空字符串。`, 422);
  return v;
}

/** A relative path of plain segments: no `..`, no leading dot (no .git, no .env), no backslash or control character. */
function cleanSegments(path: string): string[] {
  const segments = path.split('/');
  const bad = segments.find((s) => !s || s.startsWith('.') || /[\\\u0000-\u001f\u007f]/.test(s));
  if (bad !== undefined || path.length > 300) throw new Refused(`路径“${shown(path)}”不是内容文件夹中的文件，不允许读写。`);
  return segments;
}

/** An entry file: a single-file collection's file, or a file with the collection's extension in its folder (and round folder). */
function entryPath(paths: CmsPaths, path: string): string {
  cleanSegments(path);
  if (paths.files.some((f) => f.file === path)) return path;
  for (const f of paths.folders) {
    if (!path.startsWith(`${f.folder}/`)) continue;
    const rest = path.slice(f.folder.length + 1).split('/');
    if (rest.length - 1 <= f.subfolders && rest[rest.length - 1].endsWith(`.${f.extension}`)) return path;
  }
  throw new Refused(
    `路径“${shown(path)}”不是内容文件夹中的文件，不允许读写（只允许 ${[...new Set(paths.folders.map((f) => f.folder))].join('、')} 和 ${paths.files.map((f) => f.file).join('、')}）。`,
  );
}

function mediaPath(paths: CmsPaths, path: string): string {
  const segments = cleanSegments(path);
  const folder = paths.mediaFolder.split('/');
  if (segments.length !== folder.length + 1 || folder.some((s, i) => segments[i] !== s)) {
    throw new Refused(`路径“${shown(path)}”不在媒体文件夹 ${paths.mediaFolder} 中，不允许读写。`);
  }
  return path;
}

/** An uploaded file: in the media folder, and by its content a raster image or PDF whose name says what it is. */
function mediaAsset(paths: CmsPaths, asset: unknown): string {
  if (!isObject(asset)) throw new Refused('上传的文件格式不对。', 422);
  const path = mediaPath(paths, str(asset, 'path'));
  if (asset.encoding !== 'base64' || typeof asset.content !== 'string') throw new Refused('上传的文件格式不对。', 422);
  if ((asset.content.length * 3) / 4 > limits.mediaBytes)
    throw new Refused(`上传的文件“${shown(path)}”超过 ${limits.mediaBytes / 1024 / 1024} MB，不能上传。`, 413);
  const bytes = Buffer.from(asset.content, 'base64');
  if (!acceptedMedia(path, bytes)) {
    throw new Refused(
      `上传的文件“${shown(path.split('/').pop())}”不是图片（PNG、JPEG、GIF、WebP）或 PDF，或者文件名的扩展名与内容不符：只能上传这几种文件。`,
      415,
    );
  }
  return path;
}

/** A commit message as Decap writes it, one line, bounded; the editor's name is added by the caller, never taken from here. */
function commitMessage(options: unknown): string {
  const m = isObject(options) && typeof options.commitMessage === 'string' ? options.commitMessage : '';
  const line = m
    .split(/\r?\n/)[0]
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .slice(0, 200);
  return line || '内容更新';
}

/** A collection and an entry name (slug) as Decap sends them: a known collection, a slug of plain segments. */
function entryKey(paths: CmsPaths, params: Record<string, unknown>): { collection: string; slug: string } {
  let collection = params.collection;
  let slug = params.slug;
  if (typeof params.id === 'string' && collection === undefined) {
    const i = params.id.indexOf('/');
    collection = params.id.slice(0, i);
    slug = params.id.slice(i + 1);
  }
  if (typeof collection !== 'string' || !paths.collections.includes(collection))
    throw new Refused(`没有名为“${shown(collection)}”的栏目。`);
  if (
    typeof slug !== 'string' ||
    !slug ||
    slug.length > 200 ||
    slug.split('/').some((x) => !x || x.startsWith('.') || /[\\\s\u0000-\u001f\u007f~^:?*[]/.test(x))
  ) {
    throw new Refused(`条目名“${shown(slug)}”不合规则。`);
  }
  return { collection, slug };
}

/** A folder of `path` (all but its last segment). */
const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/'));

interface Built {
  paths: string[];
  fresh: string[];
  present: string[];
  params: Record<string, unknown>;
  expected?: Record<string, string | null>;
}

/**
 * `options.expected` of a save: only entry files of this save as keys, each a SHA-256 in hex or null.
 * @example expectedHashes({ 'content/pledges/2025/a.md': 'e3b0…' }, ['content/pledges/2025/a.md'])
 */
function expectedHashes(given: unknown, saved: string[]): Record<string, string | null> | undefined {
  if (given === undefined) return undefined;
  if (!isObject(given)) throw new Refused('参数 expected 应是“文件路径 → SHA-256”的对象。', 422);
  const keys = Object.keys(given);
  if (keys.length > saved.length) throw new Refused(`参数 expected 列出了 ${keys.length} 个文件，多于这次保存的 ${saved.length} 个。`, 422);
  const out: Record<string, string | null> = {};
  for (const key of keys) {
    if (!saved.includes(key)) throw new Refused(`参数 expected 中的“${shown(key)}”不是这次保存的文件。`, 422);
    const v = given[key];
    if (v !== null && (typeof v !== 'string' || !/^[0-9a-f]{64}$/i.test(v))) {
      throw new Refused(`参数 expected 中“${shown(key)}”的值应是 64 位十六进制的 SHA-256，或 null（表示文件不应存在）。`, 422);
    }
    out[key] = v === null ? null : v.toLowerCase();
  }
  return out;
}

function entryFile(paths: CmsPaths, file: unknown, built: Built): Record<string, unknown> {
  if (!isObject(file)) throw new Refused('保存的条目格式不对。', 422);
  const path = entryPath(paths, str(file, 'path'));
  if (typeof file.raw !== 'string') throw new Refused('保存的条目格式不对。', 422);
  if (Buffer.byteLength(file.raw) > limits.entryBytes)
    throw new Refused(`条目“${shown(path)}”超过 ${limits.entryBytes / 1024 / 1024} MB，不能保存。`, 413);
  const slug = typeof file.slug === 'string' && file.slug.length <= 200 ? file.slug : '';
  built.paths.push(path);
  const out: Record<string, unknown> = { slug: slug || path, path, raw: file.raw };
  if (file.newPath !== undefined && file.newPath !== path) {
    // A renamed entry stays in its folder, under a name not yet taken (decap-server moves files one by one).
    const newPath = entryPath(paths, str(file, 'newPath'));
    if (folderOf(newPath) !== folderOf(path)) throw new Refused(`条目“${shown(path)}”只能在原文件夹中改名。`);
    built.paths.push(newPath);
    built.fresh.push(newPath);
    built.present.push(path);
    out.newPath = newPath;
  }
  return out;
}

function build(paths: CmsPaths, rules: ApiRules, action: string, params: Record<string, unknown>): Built {
  if (params.branch !== undefined && params.branch !== paths.branch) throw new Refused(`只能使用 ${paths.branch} 分支。`);
  if (!rules.workflow && workflowActions.has(action)) throw new Refused('这里没有启用审核流程（保存即提交），不支持此操作。');
  const built: Built = { paths: [], fresh: [], present: [], params: { branch: paths.branch } };
  const p = built.params;
  switch (action) {
    case 'info':
    case 'unpublishedEntries':
      return built;
    case 'unpublishedEntry':
    case 'getDeployPreview':
    case 'publishUnpublishedEntry':
    case 'deleteUnpublishedEntry':
      Object.assign(p, entryKey(paths, params));
      return built;
    case 'updateUnpublishedEntryStatus':
      Object.assign(p, entryKey(paths, params));
      if (!statuses.includes(String(params.newStatus))) throw new Refused(`状态“${shown(params.newStatus)}”不认识。`, 422);
      p.newStatus = params.newStatus;
      return built;
    case 'entriesByFolder': {
      const folder = str(params, 'folder');
      const f = paths.folders.find((x) => x.folder === folder);
      if (!f) throw new Refused(`文件夹“${shown(folder)}”不是内容文件夹，不允许读取。`);
      if (params.extension !== f.extension) throw new Refused(`文件夹 ${folder} 中只能读取 .${f.extension} 文件。`);
      if (typeof params.depth !== 'number' || !Number.isInteger(params.depth) || params.depth < 1 || params.depth > f.subfolders + 1) {
        throw new Refused(`文件夹 ${folder} 只能读取 ${f.subfolders + 1} 层。`);
      }
      built.paths.push(folder);
      Object.assign(p, { folder, extension: f.extension, depth: params.depth });
      return built;
    }
    case 'entriesByFiles': {
      if (!Array.isArray(params.files) || params.files.length > 5000) throw new Refused('参数 files 应是列表。', 422);
      p.files = params.files.map((f) => {
        const path = entryPath(paths, isObject(f) ? str(f, 'path') : '');
        built.paths.push(path);
        return isObject(f) && typeof f.label === 'string' ? { path, label: f.label.slice(0, 200) } : { path };
      });
      return built;
    }
    case 'getEntry':
      p.path = entryPath(paths, str(params, 'path'));
      built.paths.push(p.path as string);
      return built;
    case 'unpublishedEntryDataFile':
    case 'unpublishedEntryMediaFile': {
      Object.assign(p, entryKey(paths, params));
      p.id = `${p.collection}/${p.slug}`;
      p.path = action === 'unpublishedEntryDataFile' ? entryPath(paths, str(params, 'path')) : mediaPath(paths, str(params, 'path'));
      built.paths.push(p.path as string);
      return built;
    }
    case 'getMedia':
      if (params.mediaFolder !== paths.mediaFolder) throw new Refused(`只能读取媒体文件夹 ${paths.mediaFolder}。`);
      p.mediaFolder = paths.mediaFolder;
      built.paths.push(paths.mediaFolder);
      return built;
    case 'getMediaFile':
      p.path = mediaPath(paths, str(params, 'path'));
      built.paths.push(p.path as string);
      return built;
    case 'persistEntry': {
      const options = isObject(params.options) ? params.options : {};
      const useWorkflow = options.useWorkflow === true;
      if (useWorkflow && !rules.workflow) throw new Refused('这里没有启用审核流程（保存即提交），不能保存为草稿。');
      const collection = String(options.collectionName ?? '');
      if (!paths.collections.includes(collection)) throw new Refused(`没有名为“${shown(collection)}”的栏目。`);
      const files = params.dataFiles ?? [params.entry];
      if (!Array.isArray(files) || !files.length) throw new Refused('保存的条目格式不对。', 422);
      if (files.length > limits.dataFiles)
        throw new Refused(`一次最多保存 ${limits.dataFiles} 个条目文件，这次有 ${files.length} 个。`, 413);
      const entries = files.map((f) => entryFile(paths, f, built));
      // Under the review workflow a save goes to the entry's own branch; the files on disk are the main branch's.
      if (useWorkflow && entries.some((e) => e.newPath)) throw new Refused('审核流程中的条目不能改名。', 422);
      const kept = useWorkflow ? [] : entries.filter((e) => !e.newPath).map((e) => e.path as string);
      if (options.newEntry === true) built.fresh.push(...kept);
      if (options.newEntry === false) built.present.push(...kept);
      const saved = entries.map((e) => e.path as string);
      const written = entries.flatMap((e) => (e.newPath ? [e.path as string, e.newPath as string] : [e.path as string]));
      const twice = written.find((path, i) => written.indexOf(path) !== i);
      if (twice) throw new Refused(`条目“${shown(twice)}”在一次保存中出现了两次。`, 422);
      built.expected = expectedHashes(options.expected, saved);
      const assets = params.assets ?? [];
      if (!Array.isArray(assets) || assets.length > 20) throw new Refused('参数 assets 应是列表。', 422);
      p.assets = assets.map((a) => {
        const path = mediaAsset(paths, a);
        built.paths.push(path);
        const { content, encoding } = a as { content: string; encoding: string };
        return { path, content, encoding };
      });
      if (params.dataFiles !== undefined) p.dataFiles = entries;
      else p.entry = entries[0];
      if (useWorkflow) {
        // The branch is cms/<collection>/<slug>: the slug is checked like any entry name.
        entryKey(paths, { collection, slug: entries[0].slug });
      }
      p.options = {
        collectionName: collection,
        commitMessage: commitMessage(options),
        useWorkflow,
        status: statuses.includes(String(options.status)) ? options.status : 'draft',
        // decap-server would otherwise move every file of the old folder along with a renamed entry.
        hasSubfolders: false,
      };
      return built;
    }
    case 'persistMedia': {
      const path = mediaAsset(paths, params.asset);
      built.paths.push(path);
      // Never over an upload already there: it may be on a published page, and two secretaries may pick one name.
      built.fresh.push(path);
      const { content, encoding } = params.asset as { content: string; encoding: string };
      Object.assign(p, { asset: { path, content, encoding }, options: { commitMessage: commitMessage(params.options) } });
      return built;
    }
    case 'deleteFile':
      p.path = anyPath(paths, str(params, 'path'));
      p.options = { commitMessage: commitMessage(params.options) };
      built.paths.push(p.path as string);
      built.present.push(p.path as string);
      return built;
    case 'deleteFiles':
      if (!Array.isArray(params.paths) || !params.paths.length || params.paths.length > 100)
        throw new Refused('参数 paths 应是非空列表。', 422);
      p.paths = params.paths.map((x) => anyPath(paths, typeof x === 'string' ? x : ''));
      p.options = { commitMessage: commitMessage(params.options) };
      built.paths.push(...(p.paths as string[]));
      built.present.push(...(p.paths as string[]));
      return built;
  }
  throw new Refused(`不支持的操作“${shown(action)}”。`);
}

/** Either an entry file or a media file (deleteFile is used for both). */
function anyPath(paths: CmsPaths, path: string): string {
  try {
    return entryPath(paths, path);
  } catch {
    return mediaPath(paths, path);
  }
}

export function checkApiRequest(paths: CmsPaths, body: unknown, rules: ApiRules = { workflow: true }): ApiCheck {
  try {
    if (!isObject(body) || typeof body.action !== 'string') throw new Refused('请求格式不对。', 422);
    const { action } = body;
    if (!readActions.has(action) && !writeActions.has(action)) throw new Refused(`不支持的操作“${shown(action)}”。`);
    const params = body.params ?? {};
    if (!isObject(params)) throw new Refused('参数格式不对。', 422);
    const built = build(paths, rules, action, params);
    return {
      ok: true,
      write: writeActions.has(action),
      paths: built.paths,
      fresh: built.fresh,
      present: built.present,
      body: { action, params: built.params },
      ...(built.expected && { expected: built.expected }),
    };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, status: e.status, message: e.message };
    throw e;
  }
}
