/**
 * `npm run check [-- --content DIR] [--strict] [--json] [--as-of YYYY-MM-DD]`
 * Validates content without building the site. Exit 1 on any content error
 * (or, with --strict, on findings not explained in `content/acknowledged.json`), 0 otherwise; 2 on a malformed --as-of.
 * The audit counts as of `--as-of`, else site.json's `asOf`, else today in
 * site.json's `timeZone` (default Asia/Shanghai); the report says which.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { t } from '../i18n/t.ts';
import { isIsoDate } from '../lib/dates.ts';
import { asOfLine } from '../loader/asOfLine.ts';
import { checkContent } from '../loader/checkContent.ts';
import { formatReport } from '../loader/formatReport.ts';
import { type CliIo, isMain, processIo } from './cliIo.ts';

/** `npm run check` with arguments `args`, writing to `io`; returns the exit code. */
export function checkCommand(args: string[], io: CliIo = processIo): number {
  const { values } = parseArgs({
    args,
    options: {
      content: { type: 'string' },
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'as-of': { type: 'string' },
      stats: { type: 'boolean', default: false },
    },
  });
  const dir = resolve(values.content ?? io.env.CONTENT_DIR ?? 'content');
  const cli = values['as-of'];
  if (cli !== undefined && !isIsoDate(cli)) {
    io.err(`${t('time.badAsOf', { value: cli })}\n`);
    return 2;
  }
  const started = performance.now();
  const result = checkContent(dir, new Date(), undefined, { asOf: cli });
  if (values.json) {
    const { errors, findings, asOf, asOfSource, timeZone } = result;
    const acknowledged = result.acknowledged?.explained.map(({ finding, reason }) => ({ ...finding, reason })) ?? [];
    io.out(
      `${JSON.stringify({ asOf, asOfSource, timeZone, errors, findings, acknowledged, staleAcknowledgements: result.acknowledged?.stale ?? [] }, null, 2)}\n`,
    );
  } else {
    const used =
      result.asOf && result.asOfSource && result.timeZone ? `${asOfLine(result.asOf, result.asOfSource, result.timeZone)}\n` : '';
    io.out(`${used}${formatReport(result)}\n`);
  }
  if (values.stats) {
    const ms = performance.now() - started;
    const rss = process.resourceUsage().maxRSS * 1024;
    process.stderr.write(`${JSON.stringify({ files: result.files, ms: Math.round(ms), maxRssBytes: rss })}\n`);
  }
  if (result.errors.length) return 1;
  // --strict fails on the findings nobody has explained in acknowledged.json.
  return values.strict && (result.open ?? result.findings).length ? 1 : 0;
}

if (isMain(import.meta.url)) {
  try {
    process.exitCode = checkCommand(process.argv.slice(2));
  } catch (err) {
    // A bug in the checker itself, not in the content: say so plainly, keep the detail for developers.
    // The detail is cut short: an error can quote whatever input caused it.
    process.stderr.write(`检查程序出错（这不是内容的问题，请联系维护人员）：${String((err as Error)?.message ?? err).slice(0, 200)}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 2;
  }
}
