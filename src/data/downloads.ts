/**
 * The Excel downloads of the internal build: the 践诺台账 and this month's (or semester's) 践诺记实 sheet of the
 * current round, and the 评诺 results and the 考核评比 of every round that has them. Built as `npm run export` builds
 * them (src/loader/workbooks.ts, src/loader/monthExport.ts), but from the content as the internal build shows it
 * (nothing private; the CLI's ledger and month sheet read all the content), and byte for byte the same on every
 * build of the same content. Served by
 * src/pages/internal/downloads/[file].ts and linked from the pages that show the same numbers. None in the public
 * build: every call for the public scope gives nothing.
 */
import { contentDir } from '../loader/contentDir.ts';
import { monthWorkbookOf } from '../loader/monthExport.ts';
import { ledgerWorkbookOf, rankingWorkbookOf, resultsWorkbookOf, xlsxBytes } from '../loader/workbooks.ts';
import { t } from '../i18n/t.ts';
import { profileResolver } from '../lib/profiles.ts';
import { ledgerPeriodOf } from '../lib/recordGaps.ts';
import { getBoard } from './board.ts';
import { getInternal } from './internalData.ts';
import { href } from './paths.ts';

export type DownloadKind = 'ledger' | 'month' | 'results' | 'ranking';

export interface Download {
  kind: DownloadKind;
  /** The round, or for `month` the period key (2025-12, 2025-autumn). */
  key: string;
  /** The file's name in the site (ASCII): `internal/downloads/<file>`. */
  file: string;
  /** The name the browser saves it under (Chinese, as `npm run export` names its files). */
  saveAs: string;
  /** How many rows (pledges, members, stages) it holds. */
  rows: number;
  bytes: Buffer;
}

let cached: Promise<Download[]> | undefined;

/** Every download of this build (none in the public scope), made once per build. */
export function getDownloads(): Promise<Download[]> {
  cached ??= make();
  return cached;
}

async function make(): Promise<Download[]> {
  const board = await getBoard();
  if (board.scope !== 'internal') return [];
  const internal = (await getInternal())!;
  const { index, asOf } = board;
  const date = asOf;
  const round = board.round.id;
  const out: Download[] = [];
  const add = async (kind: DownloadKind, key: string, made: { workbook?: import('exceljs').Workbook; rows: number }) => {
    if (!made.workbook || made.rows === 0) return;
    const name = t(`downloads.file.${kind}`);
    out.push({
      kind,
      key,
      file: `${kind}-${key}.xlsx`,
      saveAs: `${name}-${key}.xlsx`,
      rows: made.rows,
      bytes: await xlsxBytes(made.workbook, date),
    });
  };
  await add('ledger', round, ledgerWorkbookOf(index, asOf, round));
  // The period the as-of date falls in, of the top org's cadence (a month, or a school's semester).
  const cadence = profileResolver(board.model.site.data, index.org)(board.model.site.data.topOrg).recordCadence;
  const period = ledgerPeriodOf(cadence, asOf).key;
  const month = await monthWorkbookOf(index, contentDir(), period, asOf);
  if (!('error' in month)) await add('month', period, month);
  for (const r of internal.evaluated) {
    const results = resultsWorkbookOf(index, asOf, r.round);
    if (!('error' in results)) await add('results', r.round, results);
  }
  for (const r of board.model.rounds.filter((x) => x.data.start <= asOf)) {
    if (internal.ranking(r.id).length > 0) await add('ranking', r.id, rankingWorkbookOf(index, asOf, r.id));
  }
  return out;
}

/** The download of `kind` for `key` (a round, or a period for `month`), if this build has it. */
export async function downloadOf(kind: DownloadKind, key: string): Promise<Download | undefined> {
  return (await getDownloads()).find((d) => d.kind === kind && d.key === key);
}

/** The address of a download. */
export const downloadHref = (d: Download): string => href(`internal/downloads/${d.file}`);
