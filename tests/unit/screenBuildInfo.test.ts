import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildInfoOf, entryFilesFrom, headCommit, sourceDateEpoch } from '../../src/loader/screenBuildInfo.ts';
import { screenText } from '../../src/lib/screenText.ts';

describe('buildInfoOf (what /build.json says)', () => {
  const data = { pledges: [{ id: 'a', status: 'closed' }] };
  const commit = { hash: 'a'.repeat(40), date: '2025-12-20T10:00:00+08:00' };
  test('the same board at the same commit gives the same id, whenever it is built', () => {
    expect(buildInfoOf(data, '2025-12-26', 'public', commit)).toEqual(buildInfoOf(structuredClone(data), '2025-12-26', 'public', commit));
    expect(buildInfoOf(data, '2025-12-26', 'public', commit).id).toMatch(/^[0-9a-f]{12}$/);
  });
  test('the id changes with what the board shows, its date, its scope and the commit', () => {
    const base = buildInfoOf(data, '2025-12-26', 'public', commit).id;
    expect(buildInfoOf({ pledges: [{ id: 'a', status: 'overdue' }] }, '2025-12-26', 'public', commit).id).not.toBe(base);
    expect(buildInfoOf(data, '2025-12-27', 'public', commit).id).not.toBe(base);
    expect(buildInfoOf(data, '2025-12-26', 'internal', commit).id).not.toBe(base);
    expect(buildInfoOf(data, '2025-12-26', 'public', { ...commit, hash: 'b'.repeat(40) }).id).not.toBe(base);
    expect(buildInfoOf(data, '2025-12-26', 'public').id).not.toBe(base);
  });
  test('builtAt is the commit date, else the as-of date: never the clock', () => {
    expect(buildInfoOf(data, '2025-12-26', 'public', commit).builtAt).toBe(commit.date);
    expect(buildInfoOf(data, '2025-12-26', 'public')).toMatchObject({ builtAt: '2025-12-26', asOf: '2025-12-26' });
  });
  test('SOURCE_DATE_EPOCH, when set, is builtAt and leaves the id alone', () => {
    const at = sourceDateEpoch({ SOURCE_DATE_EPOCH: '1766707200' });
    expect(at).toBe('2025-12-26T00:00:00.000Z');
    expect(sourceDateEpoch({})).toBeUndefined();
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: 'soon' })).toBeUndefined();
    const info = buildInfoOf(data, '2025-12-26', 'public', commit, at);
    expect(info.builtAt).toBe(at);
    expect(info.id).toBe(buildInfoOf(data, '2025-12-26', 'public', commit).id);
  });
  test('the id does not depend on the folders: entry files are named from the content folder', () => {
    // The loader names an entry's file from the build's working folder; two checkouts of one commit, built from two folders.
    const model = (file: string) => ({ members: [{ id: 'li-na', file, data: { name: '李娜', file: 'kept.pdf' } }] });
    const here = buildInfoOf(
      model('../srv/board/content/members/li-na.md'),
      '2025-12-26',
      'public',
      commit,
      undefined,
      entryFilesFrom('/srv/board/content', '/tmp'),
    );
    const there = buildInfoOf(
      model('../../dev/shm/x/board/content/members/li-na.md'),
      '2025-12-26',
      'public',
      commit,
      undefined,
      entryFilesFrom('/dev/shm/x/board/content', '/tmp/y'),
    );
    expect(there.id).toBe(here.id);
    expect(buildInfoOf(model('members/li-na.md'), '2025-12-26', 'public', commit).id).toBe(here.id);
    const renamed = buildInfoOf(
      model('../srv/board/content/members/li-na2.md'),
      '2025-12-26',
      'public',
      commit,
      undefined,
      entryFilesFrom('/srv/board/content', '/tmp'),
    );
    expect(renamed.id).not.toBe(here.id);
    // Only an entry's own `file`: a field of its data that happens to be called so is hashed as written.
    const replace = entryFilesFrom('/srv/board/content', '/tmp');
    expect(JSON.parse(JSON.stringify(model('../srv/board/content/members/li-na.md'), replace)).members[0]).toMatchObject({
      file: 'members/li-na.md',
      data: { file: 'kept.pdf' },
    });
  });
});

describe('headCommit', () => {
  test("names this repository's HEAD, and nothing outside git", () => {
    const head = headCommit(process.cwd());
    expect(head?.hash).toMatch(/^[0-9a-f]{40}$/);
    expect(Number.isNaN(Date.parse(head?.date ?? ''))).toBe(false);
    expect(headCommit(mkdtempSync(join(tmpdir(), 'no-git-')))).toBeUndefined();
  });
});

describe('screenText (a bulletin excerpt)', () => {
  test('plain text of the HTML with entities decoded, cut with …… when longer', () => {
    expect(screenText('<p>第一段&amp;<strong>要点</strong></p>\n<p>第二段 &lt;b&gt;</p>', 100)).toBe('第一段& 要点第二段 <b>');
    expect(screenText('<p>第一段。</p>\n<p>“第二段”</p><p>Two words</p>', 100)).toBe('第一段。“第二段” Two words');
    expect(screenText('<p>一二三四五六</p>', 4)).toBe('一二三四……');
    expect(screenText('<p>一二三四</p>', 4)).toBe('一二三四');
  });
});
