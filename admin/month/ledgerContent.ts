/**
 * What 本月记实 needs from the content, read from files as the backend hands
 * them over (path and text): the site, rounds, orgs, members and pledges,
 * parsed and checked with the same parser and schemas as `npm run check`. A
 * file that does not pass is left out and counted, never guessed at.
 */
import { parseMarkdown } from '../../src/lib/parseContentFile.ts';
import type { Entry, Member, Org, Pledge, Round, Site } from '../../src/lib/model.ts';
import { profileResolver } from '../../src/lib/profiles.ts';
import type { RecordCadence } from '../../src/lib/recordGaps.ts';
import { memberSchema } from '../../src/schemas/member.ts';
import { orgSchema } from '../../src/schemas/org.ts';
import { pledgeSchema } from '../../src/schemas/pledge.ts';
import { roundSchema } from '../../src/schemas/round.ts';
import { siteSchema } from '../../src/schemas/site.ts';

export interface RawFile {
  path: string;
  text: string;
}

export interface LedgerPledge extends Entry<Pledge> {
  /** The file's text as loaded: a save is refused if the file no longer reads exactly so. */
  text: string;
}

export interface LedgerContent {
  site: Site;
  rounds: Entry<Round>[];
  orgs: Entry<Org>[];
  members: Entry<Member>[];
  pledges: LedgerPledge[];
  /** Files left out because they do not pass the content check. */
  unreadable: string[];
  /** The cadence (每月 or 每学期) an owner's branch keeps. */
  cadenceOf(owner: string): RecordCadence;
  /** The org a pledge's owner belongs to (a member's branch, or the org itself). */
  orgOf(owner: string): string;
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');

function entries<T>(files: readonly RawFile[], schema: Schema<T>, unreadable: string[]): (Entry<T> & { text: string })[] {
  const out: (Entry<T> & { text: string })[] = [];
  for (const f of files) {
    const parsed = parseMarkdown(f.text, f.path);
    const checked = parsed.problem ? undefined : schema.safeParse(parsed.data);
    if (!checked?.success) {
      unreadable.push(f.path);
      continue;
    }
    out.push({ id: baseName(f.path), file: f.path, data: checked.data, body: parsed.body, text: f.text });
  }
  return out;
}

/** Builds the ledger's content from the files of each folder (`pledges` with their round folder in the path). */
export function ledgerContent(files: {
  site: RawFile;
  rounds: RawFile[];
  orgs: RawFile[];
  members: RawFile[];
  pledges: RawFile[];
}): LedgerContent | { error: string } {
  let siteData: unknown;
  try {
    siteData = JSON.parse(files.site.text);
  } catch {
    return { error: `${files.site.path} 不是有效的 JSON：请先运行 npm run check 并改正。` };
  }
  const site = siteSchema.safeParse(siteData);
  if (!site.success) return { error: `${files.site.path} 有错误：请先运行 npm run check 并改正。` };
  const unreadable: string[] = [];
  const rounds = entries(files.rounds, roundSchema as Schema<Round>, unreadable);
  const orgs = entries(files.orgs, orgSchema as Schema<Org>, unreadable);
  const members = entries(files.members, memberSchema as Schema<Member>, unreadable);
  const pledges = entries(files.pledges, pledgeSchema as Schema<Pledge>, unreadable).map((p) => {
    const parts = p.file.split('/');
    return { ...p, id: `${parts[parts.length - 2]}/${p.id}`, round: parts[parts.length - 2] };
  });
  const orgMap = new Map(orgs.map((o) => [o.id, o]));
  const memberOrg = new Map(members.map((m) => [m.id, m.data.org]));
  const profileOf = profileResolver(site.data, orgMap);
  const orgOf = (owner: string) => memberOrg.get(owner) ?? owner;
  return {
    site: site.data,
    rounds,
    orgs,
    members,
    pledges,
    unreadable,
    orgOf,
    cadenceOf: (owner) => profileOf(orgOf(owner)).recordCadence,
  };
}
