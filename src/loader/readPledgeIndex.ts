/**
 * What the month's spreadsheet needs from the content folder — the site,
 * rounds, orgs, members and pledges — read and validated as `npm run check`
 * does, and the "today" records are checked against. Other collections are
 * not read: a slip in an evaluation does not stop a month's records.
 */
import { indexContent, type ContentIndex } from '../lib/contentIndex.ts';
import { isIsoDate, todayIn, type IsoDate } from '../lib/dates.ts';
import { readContentTree } from './readContentTree.ts';
import { validateContent } from './validateContent.ts';

/** The indexed content of `dir`, or a Chinese message when it cannot be used. */
export function readPledgeIndex(dir: string): { index: ContentIndex } | { error: string } {
  const read = readContentTree(dir, process.cwd(), ['site', 'rounds', 'orgs', 'members', 'pledges']);
  const { model, problems } = validateContent(read.entries);
  if (!model || read.problems.length || problems.length) return { error: '内容有错误，请先运行 npm run check 并改正。' };
  return { index: indexContent(model) };
}

/** Today in the site's time zone (default Asia/Shanghai), or the date given on the command line (`--today`). */
export function todayOf(index: ContentIndex, cli: string | undefined, now: Date): { today: IsoDate } | { error: string } {
  if (cli !== undefined)
    return isIsoDate(cli) ? { today: cli } : { error: `--today 应写成 年-月-日（如 2025-12-31），现在是“${cli.slice(0, 20)}”。` };
  return { today: todayIn(index.model.site.data.timeZone, now) };
}
