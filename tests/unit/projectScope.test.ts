import { describe, expect, test } from 'vitest';
import type { ContentModel } from '../../src/lib/model.ts';
import { projectScope } from '../../src/lib/projectScope.ts';
import { bulletin, check, evaluation, member, memberEval, model, pledge, review, round, withMembers } from '../fixtures/model.ts';

const asOf = '2026-07-31';
const full = model({
  members: withMembers(member('m1'), member('hidden', { visibility: 'private' })),
  pledges: [
    pledge('ok', 'm1'),
    pledge('draft', 'm1', { review: { status: 'draft' } }),
    pledge('revise', 'm1', { review: { status: 'revise', by: 'sec', date: '2026-02-01', note: '退回意见:措施不具体' } }),
    pledge('later', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-08-01' } }),
    pledge('internal', 'm1', { visibility: 'internal' }),
    pledge('of-hidden', 'hidden'),
    pledge('noted', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-02-20', note: '审核意见:很好' } }),
  ],
  checks: [check('c1', { urged: ['ok', 'draft'] })],
  bulletins: [
    bulletin('b1', { pledges: ['ok', 'revise'] }),
    bulletin('b2', { visibility: 'internal' }),
    bulletin('future', { date: '2026-08-05' }),
  ],
  reviews: [review('r1')],
  evaluations: [evaluation('e1', [memberEval('m1')])],
});

describe('projectScope', () => {
  const pub = projectScope(full, 'public', asOf);

  test('the public scope holds only approved, visible pledges of visible owners', () => {
    expect(pub.pledges.map((p) => p.id)).toEqual(['2026/ok', '2026/noted']);
  });

  test('the public scope drops review notes, reviews and evaluations entirely', () => {
    expect(JSON.stringify(pub)).not.toContain('审核意见');
    expect(JSON.stringify(pub)).not.toContain('退回意见');
    expect(pub.reviews).toEqual([]);
    expect(pub.evaluations).toEqual([]);
  });

  test('the public scope drops private members, internal and future bulletins, and references to unpublished pledges', () => {
    expect(pub.members.map((m) => m.id)).not.toContain('hidden');
    expect(pub.bulletins.map((b) => b.id)).toEqual(['2026/b1']);
    expect(pub.bulletins[0].data.pledges).toEqual(['ok']);
    expect(pub.checks[0].data.urged).toEqual(['ok']);
  });

  test('the internal scope adds internal files, reviews and evaluations, never private ones or notes', () => {
    const internal = projectScope(full, 'internal', asOf);
    expect(internal.pledges.map((p) => p.id)).toEqual(['2026/ok', '2026/internal', '2026/noted']);
    expect(internal.reviews).toHaveLength(1);
    expect(internal.evaluations).toHaveLength(1);
    expect(internal.bulletins.map((b) => b.id)).toEqual(['2026/b1', '2026/b2']);
    expect(internal.members.map((m) => m.id)).not.toContain('hidden');
    expect(JSON.stringify(internal)).not.toContain('退回意见');
  });
});

describe('a round’s visibility reaches every file filed under it (issue 22, item 1)', () => {
  const commendation = (id: string, r: string, data: Record<string, unknown> = {}): ContentModel['commendations'][number] => ({
    id: `${r}/${id}`,
    file: `content/commendations/${r}/${id}.md`,
    round: r,
    data: { subject: 'm1', title: '优秀共产党员', reason: `${r} 年表彰`, date: `${r}-12-20`, ...data },
  });
  /** One file of each per-round type in round `r`, each public in itself. */
  const filed = (r: string) => ({
    pledges: [pledge(`p${r}`, 'm1', { review: { status: 'approved', by: 'sec', date: `${r}-02-20` }, deadline: `${r}-12-31` }, r)],
    checks: [check(`c${r}`, { date: `${r}-06-30` }, r)],
    bulletins: [bulletin(`b${r}`, { date: `${r}-07-01` }, r)],
    reviews: [review(`r${r}`, { date: `${r}-07-01` }, r)],
    evaluations: [evaluation(`e${r}`, [memberEval('m1')], { date: `${r}-12-20` }, r)],
    commendations: [commendation(`k${r}`, r)],
  });
  const parts = ['2026', '2025', '2024'].map(filed);
  const all = model({
    rounds: [round('2026'), round('2025', { visibility: 'private' }), round('2024', { visibility: 'internal' })],
    members: withMembers(member('m1')),
    pledges: parts.flatMap((p) => p.pledges),
    checks: parts.flatMap((p) => p.checks),
    bulletins: parts.flatMap((p) => p.bulletins),
    reviews: parts.flatMap((p) => p.reviews),
    evaluations: parts.flatMap((p) => p.evaluations),
    commendations: parts.flatMap((p) => p.commendations),
  });
  const roundsOf = (m: ReturnType<typeof projectScope>) =>
    Object.fromEntries(
      (['pledges', 'checks', 'bulletins', 'reviews', 'evaluations', 'commendations'] as const).map((k) => [
        k,
        [...new Set((m[k] as { round?: string }[]).map((e) => e.round))].sort(),
      ]),
    );

  test('the public scope shows nothing of a private or internal round, though each file is public in itself', () => {
    expect(roundsOf(projectScope(all, 'public', '2026-12-31'))).toEqual({
      pledges: ['2026'],
      checks: ['2026'],
      bulletins: ['2026'],
      reviews: [],
      evaluations: [],
      commendations: ['2026'],
    });
  });

  test('the internal scope shows an internal round’s files, never a private round’s', () => {
    const both = ['2024', '2026'];
    expect(roundsOf(projectScope(all, 'internal', '2026-12-31'))).toEqual({
      pledges: both,
      checks: both,
      bulletins: both,
      reviews: both,
      evaluations: both,
      commendations: both,
    });
  });
});
