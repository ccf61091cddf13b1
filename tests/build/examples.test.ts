/**
 * The example content trees, one per preset other than the sample's (examples/<preset>/): each names its preset,
 * passes the content check with no error and no finding as of its own date, and builds, with a page per member.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { buildSite, root } from './buildSite.ts';

const presets = ['school-semester', 'provincial', 'monthly'] as const;

describe.each(presets)('examples/%s', (preset) => {
  const dir = join(root, 'examples', preset);
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8')) as { profile: string; asOf: string };
  const members = readdirSync(join(dir, 'members')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));

  test('names its preset and has one branch of 8–15 members', () => {
    expect(site.profile).toBe(preset);
    expect(members.length).toBeGreaterThanOrEqual(8);
    expect(members.length).toBeLessThanOrEqual(15);
  });

  test('passes the check with no error and no finding as of its date', () => {
    const r = checkContent(dir, site.asOf, root);
    expect(r.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.asOf).toBe(site.asOf);
    // The whole round has ended by the as-of date.
    const round = r.model?.rounds.find((x) => x.id === r.model?.site.data.currentRound);
    expect(round && round.data.end < site.asOf).toBe(true);
  });

  test('builds, with a page for every member', () => {
    const b = buildSite({ contentDir: dir });
    expect(b.code, b.out).toBe(0);
    for (const id of members) expect(existsSync(join(b.outDir, 'members', id, 'index.html')), id).toBe(true);
  });
});
