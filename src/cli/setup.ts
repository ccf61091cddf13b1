/**
 * `npm run setup -- --profile <preset> --name <全称> --id <ascii-id> [--out content]
 *   [--level branch] [--unit-type school] [--time-zone Asia/Shanghai] [--as-of YYYY-MM-DD]`
 * Writes a minimal valid content tree for a new branch (src/loader/planSetup.ts) into a new or
 * empty folder, runs the checker on it and prints the next steps. Exit 2 on bad input (nothing
 * written), 1 when the check of the new tree fails, 0 otherwise.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { t } from '../i18n/t.ts';
import { isIsoDate, isTimeZone, todayIn } from '../lib/dates.ts';
import { asOfLine } from '../loader/asOfLine.ts';
import { checkContent } from '../loader/checkContent.ts';
import { formatReport } from '../loader/formatReport.ts';
import { planSetup } from '../loader/planSetup.ts';
import { type CliIo, isMain, processIo } from './cliIo.ts';

/** `npm run setup` with arguments `args`, writing to `io`; returns the exit code. */
export function setupCommand(args: string[], io: CliIo = processIo): number {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        profile: { type: 'string' },
        name: { type: 'string' },
        id: { type: 'string' },
        out: { type: 'string', default: 'content' },
        level: { type: 'string' },
        'unit-type': { type: 'string' },
        'time-zone': { type: 'string' },
        'as-of': { type: 'string' },
      },
    }));
  } catch (err) {
    io.err(`${t('setup.badArgs', { reason: String((err as Error).message).slice(0, 200) })}\n${t('setup.usage')}\n`);
    return 2;
  }
  const fail = (message: string) => {
    io.err(`${message}\n${t('setup.nothingWritten')}\n`);
    return 2;
  };
  const zone = values['time-zone'];
  if (zone !== undefined && !isTimeZone(zone)) return fail(t('setup.badTimeZone', { zone }));
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) return fail(t('setup.badAsOf', { date: asOf }));
  // The round is the one of today in the branch's time zone (Beijing time unless --time-zone says otherwise).
  const today = asOf ?? todayIn(zone, new Date());

  const plan = planSetup(
    { profile: values.profile, name: values.name, id: values.id, level: values.level, unitType: values['unit-type'], timeZone: zone },
    today,
  );
  if ('error' in plan) return fail(`${plan.error}\n${t('setup.usage')}`);

  const dir = resolve(values.out);
  const rel = relative(process.cwd(), dir);
  const shown = rel.startsWith('..') || isAbsolute(rel) ? dir : rel || '.';
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) return fail(t('setup.notEmpty', { dir: shown }));

  for (const f of plan.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text, { flag: 'wx' });
  }
  io.out(`${t('setup.written', { dir: shown })}\n${plan.files.map((f) => `  ${join(shown, f.path)}\n`).join('')}`);

  const result = checkContent(dir, new Date(), undefined, { asOf });
  const used = result.asOf && result.asOfSource && result.timeZone ? `${asOfLine(result.asOf, result.asOfSource, result.timeZone)}\n` : '';
  io.out(`${t('setup.checkResult')}\n${used}${formatReport(result)}\n`);
  if (result.errors.length) return 1;
  // The folder as the commands below name it: quoted when it holds a space, so that each command runs as printed.
  io.out(`${t('setup.next', { dir: /\s/.test(shown) ? `"${shown}"` : shown })}\n`);
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = setupCommand(process.argv.slice(2));
