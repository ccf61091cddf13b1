import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { generateContent } from '../../src/gen/generateContent.ts';
import { writeGenerated } from '../../src/cli/gen.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function digest(members: number, seed: number): string {
  const h = createHash('sha256');
  for (const [path, text] of generateContent({ members, seed })) h.update(path).update(text);
  return h.digest('hex');
}

describe('generateContent', () => {
  test('is deterministic for a seed and differs between seeds', () => {
    expect(digest(120, 7)).toBe(digest(120, 7));
    expect(digest(120, 7)).not.toBe(digest(120, 8));
  });

  test('writes a valid tree with realistic distributions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    writeGenerated(dir, 500, 3);
    const result = checkContent(dir, '2000-01-01', dir);
    expect(result.errors).toEqual([]);
    const idx = indexContent(result.model!);
    expect(result.model!.members.length).toBe(500);
    const branches = result.model!.orgs.filter((o) => o.data.level === 'branch');
    for (const b of branches) {
      const n = idx.membersOf.get(b.id)!.length;
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(79);
    }
    const active = result.model!.members.filter((m) => m.data.status === 'active');
    const counts = active.map((m) => (idx.pledgesOf.get(m.id) ?? []).length);
    expect(counts.every((c) => c === 2 || c === 3)).toBe(true);
    const perPledge = idx.roundPledges.reduce((n, p) => n + (p.data.records?.length ?? 0), 0) / idx.roundPledges.length;
    expect(perPledge).toBeGreaterThan(5);
    expect(result.findings.some((f) => f.rule === 'R9')).toBe(true);
  });
});
