/**
 * owedPledges, the list of 本月记实 and of the month's spreadsheet: for the period under way it lists the pledges
 * approved in its first half (R6 owes them that period once it ends), but only from their approval day on.
 */
import { describe, expect, test } from 'vitest';
import { owedPledges } from '../../src/lib/owedPledges.ts';
import { ledgerPeriodByKey } from '../../src/lib/recordGaps.ts';
import { pledge } from '../fixtures/model.ts';

const approved = (id: string, date: string, records: { date: string; note: string; progress: number }[] = []) =>
  pledge(id, 'm1', { review: { status: 'approved', by: 'sec', date }, records });
const april = ledgerPeriodByKey('month', '2026-04')!;
const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('owedPledges', () => {
  const pledges = [
    approved('march', '2026-03-20'),
    approved('april5', '2026-04-05'),
    approved('april15', '2026-04-15'),
    approved('april16', '2026-04-16'),
    approved('paid', '2026-04-05', [{ date: '2026-04-12', note: '进展', progress: 10 }]),
  ];

  test('lists, for the month under way, the pledges approved before it and in its first half (to the 15th of April)', () => {
    expect(ids(owedPledges(pledges, () => 'month', april, '2026-04-20'))).toEqual(['2026/march', '2026/april5', '2026/april15']);
  });

  test('lists a pledge approved in the first half only from its approval day on', () => {
    expect(ids(owedPledges(pledges, () => 'month', april, '2026-04-03'))).toEqual(['2026/march']);
    expect(ids(owedPledges(pledges, () => 'month', april, '2026-04-05'))).toEqual(['2026/march', '2026/april5']);
  });

  test('lists the same pledges once the month has ended', () => {
    expect(ids(owedPledges(pledges, () => 'month', april, '2026-05-02'))).toEqual(['2026/march', '2026/april5', '2026/april15']);
  });

  test('under 每学期一记账, a pledge approved on 10 September owes the autumn semester', () => {
    const autumn = ledgerPeriodByKey('semester', '2025-autumn')!;
    const list = [approved('sept10', '2025-09-10'), approved('nov17', '2025-11-17')];

    expect(ids(owedPledges(list, () => 'semester', autumn, '2025-12-01'))).toEqual(['2026/sept10']);
  });
});
