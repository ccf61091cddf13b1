/**
 * The bundled sample, read from this repository's own history as a build reads it, flags no commit as 改动了已公开的内容
 * (nor as unverifiable), on either board: the project's own edits of the sample files are the sample's starting
 * state (content/history-baseline.json). A developer who rewrites a published sample record makes this fail, and
 * moves the baseline to that commit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readHistory } from '../../src/data/pledgeHistory.ts';
import { historyRows } from '../../src/lib/historyRows.ts';
import { unpackCommits } from '../../src/loader/packedHistory.ts';

const content = join(new URL('../..', import.meta.url).pathname, 'content');
const asOf = (JSON.parse(readFileSync(join(content, 'site.json'), 'utf8')) as { asOf: string }).asOf;
const scope = process.env.SITE_SCOPE;
afterEach(() => {
  if (scope === undefined) delete process.env.SITE_SCOPE;
  else process.env.SITE_SCOPE = scope;
});

describe('the sample’s 修改记录', () => {
  test.each(['public', 'internal'])('on the %s board, no commit of a sample pledge is marked', async (board) => {
    process.env.SITE_SCOPE = board;
    const h = await readHistory(content);
    // Outside a checkout (a release archive) there is no history to flag.
    if (!h) return;
    // The baseline named is a commit of this repository (a shallow clone may not reach back to it).
    if (!h.shallow) expect(h.warning).toBeUndefined();
    const flagged: string[] = [];
    for (const path of Object.keys(h.files)) {
      for (const r of historyRows(unpackCommits(h, path), { asOf, drafts: 'show' }).rows) {
        if (r.marked || r.unverified) flagged.push(`${path} ${r.short}: ${r.text}`);
      }
    }
    expect(flagged, 'a commit rewrote a published sample record: if that was meant, name it in content/history-baseline.json').toEqual([]);
    expect(Object.keys(h.files).length).toBeGreaterThan(50);
  });
});
