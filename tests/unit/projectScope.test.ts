import { describe, expect, test } from 'vitest';
import { projectScope } from '../../src/lib/projectScope.ts';
import { bulletin, check, evaluation, member, memberEval, model, pledge, review, withMembers } from '../fixtures/model.ts';

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
