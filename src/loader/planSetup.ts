/**
 * What `npm run setup` writes for a new branch: `site.json`, the current
 * round and the top org, no members (they come from `npm run import`).
 * Pure: the date is a parameter and nothing touches the file system; the
 * command line (src/cli/setup.ts) checks the folder and writes the files.
 */
import { t } from '../i18n/t.ts';
import { parts, isoDate, type IsoDate } from '../lib/dates.ts';
import { orgFields } from '../schemas/org.ts';
import { orgLevels, profileIds, unitTypes } from '../schemas/options.ts';
import { defaultEvaluation } from '../schemas/site.ts';
import { stringifyMarkdown } from '../lib/parseContentFile.ts';

export interface SetupOptions {
  profile?: string;
  name?: string;
  id?: string;
  level?: string;
  unitType?: string;
  timeZone?: string;
}

/** One file to write: its path relative to the content folder and its text. */
export interface SetupFile {
  path: string;
  text: string;
}

const listOf = (options: readonly { value: string; label: string }[]) => options.map((o) => `${o.value}（${o.label}）`).join('、');

/**
 * The current round for `today`: the calendar year, or for `school-semester` the school year that
 * starts on 1 September (before September, the one that started last September). Its id is the year of `today`.
 */
export function setupRound(profile: string, today: IsoDate): { id: string; start: IsoDate; end: IsoDate } {
  const { year, month } = parts(today);
  if (profile !== 'school-semester') return { id: String(year), start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
  const from = month >= 9 ? year : year - 1;
  return { id: String(year), start: isoDate(from, 9, 1), end: isoDate(from + 1, 8, 31) };
}

/** The files of a new content tree, or the first reason (in Chinese) it cannot be made. */
export function planSetup(o: SetupOptions, today: IsoDate): { files: SetupFile[] } | { error: string } {
  if (!o.profile || !profileIds.some((p) => p.value === o.profile)) {
    return {
      error: o.profile
        ? t('setup.unknownProfile', { profile: o.profile, list: listOf(profileIds) })
        : t('setup.noProfile', { list: listOf(profileIds) }),
    };
  }
  const name = o.name?.trim();
  if (!name) return { error: t('setup.noName') };
  const nameCheck = orgFields.name.zod.safeParse(name);
  if (!nameCheck.success) return { error: t('setup.badName', { reason: nameCheck.error.issues[0]?.message ?? '' }) };
  if (!o.id) return { error: t('setup.noId') };
  if (!orgFields.id.zod.safeParse(o.id).success || o.id !== o.id.trim()) return { error: t('setup.badId', { id: o.id }) };
  const level = o.level ?? 'branch';
  if (!orgLevels.some((l) => l.value === level)) return { error: t('setup.badLevel', { level, list: listOf(orgLevels) }) };
  const unitType = o.unitType ?? 'school';
  if (!unitTypes.some((u) => u.value === unitType)) return { error: t('setup.badUnitType', { unitType, list: listOf(unitTypes) }) };

  const round = setupRound(o.profile, today);
  const site = {
    schemaVersion: 1,
    name,
    topOrg: o.id,
    currentRound: round.id,
    profile: o.profile,
    ...(o.timeZone && { timeZone: o.timeZone }),
    contact: { name: t('setup.contactPlaceholder') },
    evaluation: defaultEvaluation,
  };
  return {
    files: [
      { path: 'site.json', text: `${JSON.stringify(site, null, 2)}\n` },
      {
        path: `rounds/${round.id}.md`,
        // A school year's round is named by the school year it runs over (2026—2027学年), a calendar year's by its year.
        text: stringifyMarkdown({
          title:
            o.profile === 'school-semester'
              ? t('setup.roundTitleSchoolYear', { from: round.start.slice(0, 4), to: round.end.slice(0, 4) })
              : t('setup.roundTitle', { year: round.id }),
          start: round.start,
          end: round.end,
        }),
      },
      { path: `orgs/${o.id}.md`, text: stringifyMarkdown({ name, level, unitType, order: 0 }) },
    ],
  };
}
