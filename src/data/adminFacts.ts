/**
 * What the CMS needs from the content: the board's name, the rounds and the
 * current round (config.yml) and who is who (names.json). Read leniently,
 * straight from the files, never through the checked model: a file with a
 * mistake must not take the admin down, since the admin is where a secretary
 * goes to put it right. Only the four small folders are read.
 */
import { contentDir } from '../loader/contentDir.ts';
import { readContentTree } from '../loader/readContentTree.ts';
import { applyOverrides, presets, profileResolver, siteProfile, type Profile, type ProfileId } from '../lib/profiles.ts';
import type { Site } from '../lib/model.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../lib/dates.ts';
import { siteSchema } from '../schemas/site.ts';
import { getBoard } from './board.ts';

export interface AdminFacts {
  boardName?: string;
  currentRound?: string;
  asOf?: string;
  /** The time zone the admin takes today's date in: site.json's, else Asia/Shanghai. */
  timeZone: string;
  rounds: { id: string; title: string; start: string; end: string }[];
  orgs: { id: string; name: string }[];
  members: { id: string; name: string; org?: string }[];
  /** The rule profiles in use: the site's (with its overrides) and each one an org names. */
  profiles: Profile[];
  /** The ledger cadence (每月 or 每学期) each org keeps under its profile; `''` is the site's own. */
  cadences: Record<string, 'month' | 'semester'>;
}

const isPreset = (v: unknown): v is ProfileId => typeof v === 'string' && Object.hasOwn(presets, v);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The facts of the content folder as its files stand now; what cannot be read is left out. */
export function adminFacts(dir = contentDir()): AdminFacts {
  const { entries } = readContentTree(dir, process.cwd(), ['site', 'rounds', 'orgs', 'members']);
  const out: AdminFacts = { timeZone: DEFAULT_TIME_ZONE, rounds: [], orgs: [], members: [], profiles: [], cadences: {} };
  const orgData = new Map<string, { data: { parent?: string; profile?: string } }>();
  let site: Pick<Site, 'profile' | 'profileOverrides' | 'cadence'> = {};
  const orgProfiles = new Set<ProfileId>();
  for (const e of entries) {
    const d = (e.data ?? {}) as Record<string, unknown>;
    if (e.collection === 'site') {
      out.boardName = str(d.name);
      out.currentRound = str(d.currentRound);
      out.asOf = isDate(d.asOf) ? d.asOf : undefined;
      const zone = str(d.timeZone);
      if (zone && isTimeZone(zone)) out.timeZone = zone;
      // Overrides count only when the whole file is valid; a valid preset name counts on its own.
      const parsed = siteSchema.safeParse(d);
      site = parsed.success ? parsed.data : { profile: isPreset(d.profile) ? d.profile : undefined };
    } else if (e.collection === 'rounds' && isDate(d.start) && isDate(d.end)) {
      out.rounds.push({ id: e.id, title: str(d.title) ?? e.id, start: d.start, end: d.end });
    } else if (e.collection === 'orgs') {
      out.orgs.push({ id: e.id, name: str(d.name) ?? e.id });
      orgData.set(e.id, { data: { parent: str(d.parent), profile: isPreset(d.profile) ? d.profile : undefined } });
      if (isPreset(d.profile)) orgProfiles.add(d.profile);
    } else if (e.collection === 'members') {
      out.members.push({ id: e.id, name: str(d.name) ?? e.id, org: str(d.org) });
    }
  }
  const own = siteProfile(site as Site);
  const profileOf = profileResolver(site as Site, orgData);
  out.cadences = Object.fromEntries([['', own.recordCadence], ...out.orgs.map((o) => [o.id, profileOf(o.id).recordCadence])]);
  out.profiles = [own, ...[...orgProfiles].filter((id) => id !== own.id).map((id) => applyOverrides(presets[id], site))];
  return out;
}

/**
 * The rounds a production build's admin files (config.yml, names.json) list: those the build's board shows, in the
 * build's scope (a public build lists public rounds; the internal build adds internal ones; a private round never),
 * since both files are served to anyone who can open the board. `astro dev` (npm start, the local CMS) lists every
 * round as the files stand.
 */
export async function adminRounds(facts: AdminFacts, dev: boolean): Promise<AdminFacts['rounds']> {
  if (dev) return facts.rounds;
  const shown = new Set((await getBoard()).model.rounds.map((r) => r.id));
  return facts.rounds.filter((r) => shown.has(r.id));
}
