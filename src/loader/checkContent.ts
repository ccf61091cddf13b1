/**
 * The whole check of a content folder: read, validate, check the media
 * folder the CMS uploads into, and — when all is valid — audit as of the
 * site's `asOf` (or the given day).
 */
import { join } from 'node:path';
import { runAudit } from '../lib/audit/runAudit.ts';
import { indexContent } from '../lib/contentIndex.ts';
import type { IsoDate } from '../lib/dates.ts';
import type { ContentModel } from '../lib/model.ts';
import { contentLimits, type ContentLimits } from '../lib/contentLimits.ts';
import type { Problem } from '../lib/problem.ts';
import { checkMedia, findProjectRoot, MEDIA_FOLDER } from './checkMedia.ts';
import { readContentTree } from './readContentTree.ts';
import { validateContent } from './validateContent.ts';

export interface CheckResult {
  errors: Problem[];
  findings: Problem[];
  model?: ContentModel;
  asOf?: IsoDate;
  files: number;
}

/** The as-of date: `site.json`'s `asOf`, else `today`. */
export function resolveAsOf(model: ContentModel, today: IsoDate): IsoDate {
  return model.site.data.asOf ?? today;
}

export interface CheckOptions {
  /** The media folder to check; by default `public/uploads` under the project root (the folder with package.json at or above `root`). */
  uploadsDir?: string;
  /** Limits other than `contentLimits`, for tests. */
  limits?: Partial<ContentLimits>;
}

/** The media folder of the project that holds `root`, if there is a project. */
function defaultUploadsDir(root: string): string | undefined {
  const project = findProjectRoot(root);
  return project && join(project, MEDIA_FOLDER);
}

/** Checks `contentDir`; `today` stands in when `site.json` has no `asOf`. Paths are shown relative to `root`. */
export function checkContent(contentDir: string, today: IsoDate, root = process.cwd(), o: CheckOptions = {}): CheckResult {
  const limits = { ...contentLimits, ...o.limits };
  const read = readContentTree(contentDir, root, undefined, limits);
  const { model, problems } = validateContent(read.entries, limits);
  const uploads = o.uploadsDir ?? defaultUploadsDir(root);
  const errors = [...read.problems, ...problems, ...(uploads ? checkMedia(uploads, root) : [])];
  const files = read.entries.length + read.problems.length;
  if (errors.length || !model) return { errors, findings: [], model, files };
  const asOf = resolveAsOf(model, today);
  return { errors, findings: runAudit(indexContent(model), asOf), model, asOf, files };
}
