/** One ledger row as of a date: nothing that happened after it shows, and a closed pledge shows who verified it. */
import { describe, expect, test } from 'vitest';
import { ledgerRow } from '../../src/lib/ledgerRow.ts';
import { pledge } from '../fixtures/model.ts';

describe('ledgerRow', () => {
  const p = pledge('a', 'm1', {
    measures: ['每月读一本书', '写读书笔记'],
    records: [
      { date: '2026-03-20', note: '读完第一本', progress: 30 },
      { date: '2026-09-20', note: '读完第五本', progress: 90 },
    ],
    closed: { date: '2026-10-08', verifiedBy: 'sec' },
  }).data;

  test('before the 销号: in progress, the latest record by then, no 销号 date or verifier (the .xlsx once showed them)', () => {
    expect(ledgerRow(p, '2026-06-30')).toMatchObject({
      status: 'in-progress',
      latestDate: '2026-03-20',
      progress: 30,
      closedOn: '',
      verifiedBy: '',
      measures: '每月读一本书；写读书笔记',
    });
  });

  test('after it: closed, with the date and the verifier', () => {
    expect(ledgerRow(p, '2026-12-31')).toMatchObject({
      status: 'closed',
      latestDate: '2026-09-20',
      closedOn: '2026-10-08',
      verifiedBy: 'sec',
    });
  });

  test('not on the ledger before it is approved', () => {
    expect(ledgerRow(p, '2026-01-10')).toBeNull();
  });
});
