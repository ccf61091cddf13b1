/**
 * The whole check of a content folder: read, validate, and — when the
 * content is valid — audit as of the site's `asOf` (or the given day).
 */
import { runAudit } from '../lib/audit/runAudit.ts';
import { indexContent } from '../lib/contentIndex.ts';
import type { IsoDate } from '../lib/dates.ts';
import type { ContentModel } from '../lib/model.ts';
import type { Problem } from '../lib/problem.ts';
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

/** Checks `contentDir`; `today` stands in when `site.json` has no `asOf`. */
export function checkContent(contentDir: string, today: IsoDate, root = process.cwd()): CheckResult {
  const read = readContentTree(contentDir, root);
  const { model, problems } = validateContent(read.entries);
  const errors = [...read.problems, ...problems];
  const files = read.entries.length + read.problems.length;
  if (errors.length || !model) return { errors, findings: [], model, files };
  const asOf = resolveAsOf(model, today);
  return { errors, findings: runAudit(indexContent(model), asOf), model, asOf, files };
}
