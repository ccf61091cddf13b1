/**
 * What the CMS API lets through to decap-server. decap-server itself only
 * checks that a path stays inside the project; this allows only Decap's own
 * actions, only paths in the collections' folders and the media folder
 * (cmsPaths), only media that are really raster images or PDF, and reports
 * whether the request writes (writes are run one at a time).
 *
 * Pure: the file system checks (symlinks) are done by the caller on the
 * paths returned here.
 */
import { acceptedMedia } from '../lib/mediaKind.ts';
import type { CmsPaths } from './cmsPaths.ts';

export const limits = {
  /** One entry file as Decap sends it. */
  entryBytes: 5 * 1024 * 1024,
  /** One uploaded image or PDF. */
  mediaBytes: 10 * 1024 * 1024,
};

export type ApiCheck =
  | { ok: true; write: boolean; /** Paths to check on disk: none may be or pass through a symlink. */ paths: string[] }
  | { ok: false; status: number; message: string };

const readActions = new Set(['info', 'entriesByFolder', 'entriesByFiles', 'getEntry', 'unpublishedEntries', 'unpublishedEntry', 'unpublishedEntryDataFile', 'unpublishedEntryMediaFile', 'getMedia', 'getMediaFile', 'getDeployPreview']);
const writeActions = new Set(['persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles', 'updateUnpublishedEntryStatus', 'publishUnpublishedEntry', 'deleteUnpublishedEntry']);

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
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
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
  throw new Refused(`路径“${shown(path)}”不是内容文件夹中的文件，不允许读写（只允许 ${[...new Set(paths.folders.map((f) => f.folder))].join('、')} 和 ${paths.files.map((f) => f.file).join('、')}）。`);
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
  if ((asset.content.length * 3) / 4 > limits.mediaBytes) throw new Refused(`上传的文件“${shown(path)}”超过 ${limits.mediaBytes / 1024 / 1024} MB，不能上传。`, 413);
  const bytes = Buffer.from(asset.content, 'base64');
  if (!acceptedMedia(path, bytes)) {
    throw new Refused(`上传的文件“${shown(path.split('/').pop())}”不是图片（PNG、JPEG、GIF、WebP）或 PDF，或者文件名的扩展名与内容不符：只能上传这几种文件。`, 415);
  }
  return path;
}

function entryFile(paths: CmsPaths, file: unknown): string[] {
  if (!isObject(file)) throw new Refused('保存的条目格式不对。', 422);
  const out = [entryPath(paths, str(file, 'path'))];
  if (file.newPath !== undefined) out.push(entryPath(paths, str(file, 'newPath')));
  if (typeof file.raw !== 'string') throw new Refused('保存的条目格式不对。', 422);
  if (Buffer.byteLength(file.raw) > limits.entryBytes) throw new Refused(`条目“${shown(file.path)}”超过 ${limits.entryBytes / 1024 / 1024} MB，不能保存。`, 413);
  return out;
}

/** Either an entry file or a media file (deleteFile is used for both). */
function anyPath(paths: CmsPaths, path: string): string {
  try {
    return entryPath(paths, path);
  } catch {
    return mediaPath(paths, path);
  }
}

function collectionName(paths: CmsPaths, params: Record<string, unknown>): void {
  if (params.collection !== undefined && !paths.collections.includes(String(params.collection))) {
    throw new Refused(`没有名为“${shown(params.collection)}”的栏目。`);
  }
  if (params.slug !== undefined && (typeof params.slug !== 'string' || params.slug.split('/').some((s) => !s || s === '..' || s.startsWith('.')))) {
    throw new Refused(`条目名“${shown(params.slug)}”不合规则。`);
  }
}

function pathsOf(paths: CmsPaths, action: string, params: Record<string, unknown>): string[] {
  if (params.branch !== undefined && params.branch !== paths.branch) throw new Refused(`只能使用 ${paths.branch} 分支。`);
  collectionName(paths, params);
  switch (action) {
    case 'info':
    case 'unpublishedEntries':
    case 'unpublishedEntry':
    case 'updateUnpublishedEntryStatus':
    case 'publishUnpublishedEntry':
    case 'deleteUnpublishedEntry':
    case 'getDeployPreview':
      return [];
    case 'entriesByFolder': {
      const folder = str(params, 'folder');
      const f = paths.folders.find((x) => x.folder === folder);
      if (!f) throw new Refused(`文件夹“${shown(folder)}”不是内容文件夹，不允许读取。`);
      if (params.extension !== f.extension) throw new Refused(`文件夹 ${folder} 中只能读取 .${f.extension} 文件。`);
      if (typeof params.depth !== 'number' || params.depth > f.subfolders + 1) throw new Refused(`文件夹 ${folder} 只能读取 ${f.subfolders + 1} 层。`);
      return [folder];
    }
    case 'entriesByFiles': {
      if (!Array.isArray(params.files)) throw new Refused('参数 files 应是列表。', 422);
      return params.files.map((f) => entryPath(paths, isObject(f) ? str(f, 'path') : ''));
    }
    case 'getEntry':
    case 'unpublishedEntryDataFile':
      return [entryPath(paths, str(params, 'path'))];
    case 'getMedia':
      if (params.mediaFolder !== paths.mediaFolder) throw new Refused(`只能读取媒体文件夹 ${paths.mediaFolder}。`);
      return [paths.mediaFolder];
    case 'getMediaFile':
    case 'unpublishedEntryMediaFile':
      return [mediaPath(paths, str(params, 'path'))];
    case 'persistEntry': {
      const files = params.dataFiles ?? [params.entry];
      if (!Array.isArray(files) || !files.length) throw new Refused('保存的条目格式不对。', 422);
      const assets = params.assets ?? [];
      if (!Array.isArray(assets)) throw new Refused('参数 assets 应是列表。', 422);
      return [...files.flatMap((f) => entryFile(paths, f)), ...assets.map((a) => mediaAsset(paths, a))];
    }
    case 'persistMedia':
      return [mediaAsset(paths, params.asset)];
    case 'deleteFile':
      return [anyPath(paths, str(params, 'path'))];
    case 'deleteFiles':
      if (!Array.isArray(params.paths) || !params.paths.length) throw new Refused('参数 paths 应是非空列表。', 422);
      return params.paths.map((p) => anyPath(paths, typeof p === 'string' ? p : ''));
  }
  throw new Refused(`不支持的操作“${shown(action)}”。`);
}

export function checkApiRequest(paths: CmsPaths, body: unknown): ApiCheck {
  try {
    if (!isObject(body) || typeof body.action !== 'string') throw new Refused('请求格式不对。', 422);
    const { action } = body;
    if (!readActions.has(action) && !writeActions.has(action)) throw new Refused(`不支持的操作“${shown(action)}”。`);
    const params = body.params ?? {};
    if (!isObject(params)) throw new Refused('参数格式不对。', 422);
    return { ok: true, write: writeActions.has(action), paths: pathsOf(paths, action, params) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, status: e.status, message: e.message };
    throw e;
  }
}
