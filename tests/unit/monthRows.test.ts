/**
 * 本月记实's rows under a semester profile (篇一, the school-semester example): the period is the semester, the
 * default is today's semester (the round's last once it is over), and the rows are exactly the pledges that
 * `npm run check` reports under R6 for that semester once it has ended.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ledgerContent, type LedgerContent, type RawFile } from '../../admin/month/ledgerContent.ts';
import { defaultPeriodKey, monthView, periodChoices } from '../../admin/month/monthRows.ts';
import { parseMarkdown, stringifyMarkdown } from '../../src/lib/parseContentFile.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'month-rows-'));
cpSync(join(root, 'examples', 'school-semester'), dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every pledge keeps only its autumn records and is not checked off: the spring semester is owed by all open ones.
const pledgeDir = join(dir, 'pledges', '2024-2025');
for (const f of readdirSync(pledgeDir)) {
  const parsed = parseMarkdown(readFileSync(join(pledgeDir, f), 'utf8'), f);
  const { closed: _closed, ...data } = parsed.data as { records?: { date: string }[]; closed?: unknown };
  data.records = (data.records ?? []).filter((r) => r.date < '2025-02-01');
  writeFileSync(join(pledgeDir, f), stringifyMarkdown(data, parsed.body));
}

function load(): LedgerContent {
  const files = (sub: string, depth = 1): RawFile[] => {
    const out: RawFile[] = [];
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      if (e.isDirectory() && depth > 1) out.push(...files(join(sub, e.name), depth - 1));
      else if (e.name.endsWith('.md'))
        out.push({ path: `${sub}/${e.name}`.replace(/\\/g, '/'), text: readFileSync(join(dir, sub, e.name), 'utf8') });
    }
    return out;
  };
  const c = ledgerContent({
    site: { path: 'site.json', text: readFileSync(join(dir, 'site.json'), 'utf8') },
    rounds: files('rounds'),
    orgs: files('orgs'),
    members: files('members'),
    pledges: files('pledges', 2),
  });
  if ('error' in c) throw new Error(c.error);
  return c;
}

describe('monthView under a semester profile', () => {
  const c = load();

  test("the default period is today's semester, and the round's last once it is over", () => {
    expect(defaultPeriodKey(c, '2024-10-10')).toBe('2024-autumn');
    expect(defaultPeriodKey(c, '2025-09-05')).toBe('2025-spring');
    expect(periodChoices(c, c.rounds[0], '2025-09-05').map((p) => p.key)).toEqual(['2025-spring', '2024-autumn']);
  });

  test('lists exactly the pledges npm run check reports under R6 for the semester once it has ended', () => {
    const view = monthView(c, '2025-spring', '2025-09-05');
    if (!view.ok) throw new Error(view.message);
    const check = JSON.parse(
      execFileSync(
        join(root, 'node_modules/.bin/tsx'),
        [join(root, 'src/cli/check.ts'), '--content', dir, '--as-of', '2025-08-31', '--json'],
        { cwd: root, encoding: 'utf8' },
      ),
    ) as { findings: { rule: string; file: string; message: string }[] };
    const owed = check.findings
      .filter((f) => f.rule === 'R6' && f.message.includes('2025-spring'))
      .map((f) => basename(f.file))
      .sort();
    expect(owed.length).toBeGreaterThan(2);
    expect(view.rows.map((r) => basename(r.pledge.file)).sort()).toEqual(owed);
  });

  test('a month key, a semester outside the round and one not begun are refused with a message', () => {
    const month = monthView(c, '2025-03', '2025-09-05');
    expect(!month.ok && month.message).toContain('每学期记一次账');
    const outside = monthView(c, '2025-autumn', '2025-12-05');
    expect(!outside.ok && outside.message).toContain('不在本轮');
    const early = monthView(c, '2025-spring', '2025-01-10');
    expect(!early.ok && early.message).toContain('还没有开始');
  });
});
