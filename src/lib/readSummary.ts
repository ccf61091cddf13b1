/**
 * A public summary (src/lib/shardSummary.ts) as a roll-up reads it from a board or a county roll-up nobody vouches
 * for: every field the roll-up uses checked (counts are finite non-negative integers, strings short and printable,
 * dates dates, lists bounded) and copied, in the summary's own key order; anything else dropped. What comes out can
 * be summed, compared and printed; what does not pass is refused with the first field that failed. Pure.
 */
import { categories, memberStatuses } from '../schemas/options.ts';
import { fulfilments } from './pledgeStatus.ts';
import { summaryFormat, type Counts, type ShardSummary, type SummaryOrgRow } from './shardSummary.ts';

/** Bounds of what is read: a county of 500 units lists 500 org rows; a round has at most 24 months. */
export const summaryLimits = { orgs: 20_000, trend: 60, text: 200 } as const;

class Refused extends Error {}

const printable = (s: string) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function record(v: unknown, at: string): Record<string, unknown> {
  if (!isRecord(v)) throw new Refused(at);
  return v;
}
function count(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1e9) throw new Refused(at);
  return v;
}
function text(v: unknown, at: string, pattern?: RegExp): string {
  if (typeof v !== 'string' || v.length > summaryLimits.text || !printable(v) || (pattern && !pattern.test(v))) throw new Refused(at);
  return v;
}
const nullable = <T>(v: unknown, read: (x: unknown) => T): T | null => (v === null || v === undefined ? null : read(v));
const date = (v: unknown, at: string) => text(v, at, /^\d{4}-\d{2}-\d{2}$/);
function counts(v: unknown, at: string): Counts {
  const r = record(v, at);
  const c = { done: count(r.done, `${at}.done`), total: count(r.total, `${at}.total`) };
  if (c.done > c.total) throw new Refused(at);
  return c;
}
function fraction(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new Refused(at);
  return v;
}

function org(v: unknown, at: string): SummaryOrgRow {
  const r = record(v, at);
  return {
    id: text(r.id, `${at}.id`),
    org: text(r.org, `${at}.org`),
    name: text(r.name, `${at}.name`),
    parent: nullable(r.parent, (x) => text(x, `${at}.parent`)),
    level: text(r.level, `${at}.level`) as SummaryOrgRow['level'],
    members: count(r.members, `${at}.members`),
    pledges: counts(r.pledges, `${at}.pledges`),
    overdue: count(r.overdue, `${at}.overdue`),
  };
}

/**
 * The public summary in `v` (already parsed JSON), checked and copied; or the first field that failed (`refused`).
 * An internal summary is refused: a roll-up republishes what it reads, and internal counts are not public.
 */
export function readPublicSummary(v: unknown): { summary: ShardSummary } | { refused: string } {
  try {
    const s = record(v, '');
    if (s.format !== summaryFormat) throw new Refused('format');
    if (s.schemaVersion !== 1) throw new Refused('schemaVersion');
    if (s.scope !== 'public') throw new Refused('scope');
    const shard = record(s.shard, 'shard');
    const round = record(s.round, 'round');
    const provenance = record(s.provenance, 'provenance');
    const totals = record(s.totals, 'totals');
    const membersIn = record(totals.members, 'totals.members');
    const pledges = record(totals.pledges, 'totals.pledges');
    const byStatusIn = record(pledges.byStatus, 'totals.pledges.byStatus');
    const byCategoryIn = record(pledges.byCategory, 'totals.pledges.byCategory');
    if (!Array.isArray(totals.trend) || totals.trend.length > summaryLimits.trend) throw new Refused('totals.trend');
    if (!Array.isArray(s.orgs) || s.orgs.length > summaryLimits.orgs) throw new Refused('orgs');
    const members = Object.fromEntries(
      [...memberStatuses.map((m) => m.value), 'all'].map((k) => [k, count(membersIn[k], `totals.members.${k}`)]),
    );
    const summary: ShardSummary = {
      format: summaryFormat,
      schemaVersion: 1,
      scope: 'public',
      shard: {
        id: nullable(shard.id, (x) => text(x, 'shard.id')),
        region: nullable(shard.region, (x) => text(x, 'shard.region')),
        unit: nullable(shard.unit, (x) => text(x, 'shard.unit')),
        name: text(shard.name, 'shard.name'),
        type: nullable(shard.type, (x) => text(x, 'shard.type')) as ShardSummary['shard']['type'],
        level: nullable(shard.level, (x) => text(x, 'shard.level')) as ShardSummary['shard']['level'],
        url: nullable(shard.url, (x) => text(x, 'shard.url', /^https?:\/\//)),
      },
      round: {
        id: text(round.id, 'round.id'),
        title: text(round.title, 'round.title'),
        start: date(round.start, 'round.start'),
        end: date(round.end, 'round.end'),
      },
      profile: text(s.profile, 'profile'),
      asOf: date(s.asOf, 'asOf'),
      provenance: {
        tool: text(provenance.tool, 'provenance.tool'),
        version: text(provenance.version, 'provenance.version'),
        commit: nullable(provenance.commit, (x) => text(x, 'provenance.commit', /^[0-9a-f]{40,64}$/)),
        clean: provenance.clean === null || typeof provenance.clean === 'boolean' ? (provenance.clean as boolean | null) : null,
      },
      totals: {
        members: members as ShardSummary['totals']['members'],
        pledges: {
          total: count(pledges.total, 'totals.pledges.total'),
          byStatus: Object.fromEntries(
            fulfilments.map((f) => [f, count(byStatusIn[f], `totals.pledges.byStatus.${f}`)]),
          ) as ShardSummary['totals']['pledges']['byStatus'],
          byCategory: Object.fromEntries(
            categories.map((c) => [c.value, counts(byCategoryIn[c.value], `totals.pledges.byCategory.${c.value}`)]),
          ),
        },
        completion: counts(totals.completion, 'totals.completion'),
        onTime: counts(totals.onTime, 'totals.onTime'),
        overdue: count(totals.overdue, 'totals.overdue'),
        trend: totals.trend.map((p: unknown, i: number) => {
          const r = record(p, `totals.trend[${i}]`);
          return {
            month: text(r.month, `totals.trend[${i}].month`, /^\d{4}-\d{2}$/),
            done: count(r.done, `totals.trend[${i}].done`),
            total: count(r.total, `totals.trend[${i}].total`),
            pace: fraction(r.pace, `totals.trend[${i}].pace`),
          };
        }),
      },
      orgs: s.orgs.map((o: unknown, i: number) => org(o, `orgs[${i}]`)),
    };
    return { summary };
  } catch (e) {
    if (e instanceof Refused) return { refused: e.message || '（整个文件）' };
    throw e;
  }
}

/** A line for a terminal or a page from text a board or a repository supplied: no control characters, at most 300 characters. */
export function plainLine(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
  return clean.length > 300 ? `${clean.slice(0, 300)}……` : clean;
}
