/**
 * The whole check of a content folder: read, validate, check the media
 * folder the CMS uploads into, and — when all is valid — audit as of the
 * command line's `--as-of`, else the site's `asOf`, else today (see
 * `effectiveAsOf` in src/lib/dates.ts).
 */
import { join } from 'node:path';
import { t } from '../i18n/t.ts';
import { runAudit } from '../lib/audit/runAudit.ts';
import { indexContent } from '../lib/contentIndex.ts';
import { DEFAULT_TIME_ZONE, effectiveAsOf, isIsoDate, type AsOfSource, type IsoDate } from '../lib/dates.ts';
import type { ContentModel } from '../lib/model.ts';
import { contentLimits, type ContentLimits } from '../schemas/contentLimits.ts';
import { problem, type Problem } from '../lib/problem.ts';
import { checkMedia, findProjectRoot, MEDIA_FOLDER } from './checkMedia.ts';
import { applyAcknowledged, readAcknowledged, type Acknowledgement } from './readAcknowledged.ts';
import { readContentTree } from './readContentTree.ts';
import { validateContent } from './validateContent.ts';

export interface CheckResult {
  errors: Problem[];
  findings: Problem[];
  model?: ContentModel;
  asOf?: IsoDate;
  /** Where `asOf` came from: `--as-of` (cli), `site.json`'s `asOf` (site), or today (today). */
  asOfSource?: AsOfSource;
  /** The time zone "today" is taken in (`site.json`'s `timeZone`, default Asia/Shanghai). */
  timeZone?: string;
  files: number;
  /** The findings explained in `acknowledged.json` (with reasons), and explanations that match no finding. */
  acknowledged?: { explained: { finding: Problem; reason: string }[]; stale: Acknowledgement[] };
  /** The findings not explained: what `--strict` fails on. */
  open?: Problem[];
}

/**
 * The as-of date and where it came from: `cli` (the command line's `--as-of`) wins over
 * `site.json`'s `asOf`, which wins over today. `today` is either a fixed day (tests) or
 * the clock, whose date is then taken in `site.json`'s `timeZone` (default Asia/Shanghai).
 */
export function resolveAsOf(
  model: ContentModel,
  today: IsoDate | Date,
  cli?: IsoDate,
): { asOf: IsoDate; source: AsOfSource; timeZone: string } {
  const { asOf: site, timeZone } = model.site.data;
  if (typeof today === 'string' && !cli && !site) return { asOf: today, source: 'today', timeZone: timeZone || DEFAULT_TIME_ZONE };
  return effectiveAsOf({ cli, site, timeZone }, typeof today === 'string' ? new Date(0) : today);
}

export interface CheckOptions {
  /** The media folder to check; by default `public/uploads` under the project root (the folder with package.json at or above `root`). */
  uploadsDir?: string;
  /** The as-of date given on the command line (`--as-of`, or AS_OF for the build): it wins over `site.json`'s `asOf`. */
  asOf?: IsoDate;
  /** Limits other than `contentLimits`, for tests. */
  limits?: Partial<ContentLimits>;
}

/** The media folder of the project that holds `root`, if there is a project. */
function defaultUploadsDir(root: string): string | undefined {
  const project = findProjectRoot(root);
  return project && join(project, MEDIA_FOLDER);
}

/**
 * Checks `contentDir`. `today` (a fixed day, or the clock as a `Date`, read in the site's time zone) stands in
 * when neither `o.asOf` nor `site.json`'s `asOf` is given. Paths are shown relative to `root`.
 */
export function checkContent(contentDir: string, today: IsoDate | Date, root = process.cwd(), o: CheckOptions = {}): CheckResult {
  const limits = { ...contentLimits, ...o.limits };
  const read = readContentTree(contentDir, root, undefined, limits);
  const { model, problems } = validateContent(read.entries, limits);
  const uploads = o.uploadsDir ?? defaultUploadsDir(root);
  const ack = readAcknowledged(contentDir, root);
  const errors = [...read.problems, ...problems, ...ack.problems, ...(uploads ? checkMedia(uploads, root) : [])];
  if (o.asOf !== undefined && !isIsoDate(o.asOf)) {
    errors.push(problem({ file: '--as-of', rule: 'date', message: t('time.badAsOf', { value: o.asOf }) }));
  }
  const files = read.entries.length + read.problems.length;
  if (errors.length || !model) return { errors, findings: [], model, files };
  const { asOf, source, timeZone } = resolveAsOf(model, today, o.asOf);
  const findings = runAudit(indexContent(model), asOf);
  const { explained, open, stale } = applyAcknowledged(findings, ack.list);
  return { errors, findings, open, acknowledged: { explained, stale }, model, asOf, asOfSource: source, timeZone, files };
}
