import { describe, expect, test } from 'vitest';
import type { PublicPledge } from '../../src/data/publicRecords.ts';
import { pledgesCsv } from '../../src/data/pledgesCsv.ts';
import { csvCell, csvDocument, csvRow } from '../../src/lib/csv.ts';

describe('csvCell', () => {
  test.each([
    ['=SUM(A1:A9)', `"'=SUM(A1:A9)"`],
    ['+86 138', `"'+86 138"`],
    ['-1', `"'-1"`],
    ['@cmd', `"'@cmd"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['整改 = 完成', '整改 = 完成'],
    ['a,b', '"a,b"'],
    ['说"好"', '"说""好"""'],
    ['第一行\n第二行', '"第一行\n第二行"'],
    ['', ''],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  test.each([
    [null, ''],
    [undefined, ''],
    [85, '85'],
    [-0.25, '-0.25'],
  ])('writes %j as %j (a number is never defused)', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('csvDocument', () => {
  test('starts with a BOM and ends every row with CRLF', () => {
    expect(
      csvDocument([
        ['编号', '标题'],
        ['a', null],
      ]),
    ).toBe('\uFEFF编号,标题\r\na,\r\n');
    expect(csvRow(['a', 1, null])).toBe('a,1,');
  });
});

const pledge: PublicPledge = {
  id: '2026/zhang-san-1',
  round: '2026',
  ownerId: 'zhang-san',
  owner: '张三',
  orgId: 'zhi-bu-1',
  org: '第一支部',
  category: 'study',
  categoryLabel: '学习',
  title: '学习',
  text: '',
  measures: [],
  measuresText: '',
  deadline: '2026-06-30',
  approvedOn: '2026-01-10',
  status: 'ongoing',
  statusLabel: '进行中',
  progress: 40,
  latestDate: '',
  latestNote: '',
  closedOn: '',
  verifiedBy: '',
  rectification: '',
  rectificationDeadline: '',
  records: [],
  url: 'https://example.org/pledges/2026/zhang-san-1/',
};

describe('pledgesCsv', () => {
  test.each(['\t', '\r', '=', '+', '-', '@'])('defuses a pledge title starting with %j', (start) => {
    const title = `${start}HYPERLINK("http://x")`;
    const csv = pledgesCsv([{ ...pledge, title }]);
    expect(csv).toContain(`,学习,"'${title.replace(/"/g, '""')}",,`);
    expect(csv).not.toContain(`,${title}`);
  });

  test('writes the header and one row per pledge, BOM first, CRLF after each', () => {
    const csv = pledgesCsv([pledge]);
    expect(csv.startsWith('\uFEFF编号,承诺人,所在组织,类别,承诺事项,')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      expect.any(String),
      '2026/zhang-san-1,张三,第一支部,学习,学习,,,2026-06-30,进行中,,,40,,,,https://example.org/pledges/2026/zhang-san-1/',
      '',
    ]);
  });
});
