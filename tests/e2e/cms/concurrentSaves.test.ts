/**
 * Saves that reach one file at the same moment (issue 22, item 4), sent to the real servers: the dev server's
 * /api/v1 in front of decap-server, in file mode (`npm start`) and in git mode (`npm run lan`, CMS_MODE=git; saved
 * without the review workflow, as npm run lan does). Every answer must be true of the files: a save answered
 * "persisted" is on disk (and in git mode in a commit of its own), a refused one wrote nothing and says why in
 * Chinese, and no entry is lost.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deleteEntry, postApi, renameEntries, saveEntry, type ApiAnswer } from './apiCall.ts';
import type { CmsKind } from './cmsKinds.ts';
import { acquireCms, type SharedCms } from './sharedCms.ts';

const member = (name: string, post: string) => `---\nname: ${name}\norg: jiaoshi-er\npost: ${post}\nstatus: active\n---\n`;

/** What a file holds, or null when there is none. */
type Files = Record<string, string | null>;

interface Op {
  name: string;
  body: unknown;
  /** Whether it may run on `files` (else it must be refused), and what it leaves. */
  run(files: Files): Files | undefined;
}

/** Every order of `ops`, each with what it answers (true: done, false: refused) and the files it leaves. */
function outcomes(ops: Op[], start: Files): { done: boolean[]; files: Files }[] {
  const out: { done: boolean[]; files: Files }[] = [];
  const visit = (left: number[], files: Files, done: boolean[]) => {
    if (!left.length) return void out.push({ done, files });
    for (const i of left) {
      const after = ops[i].run(files);
      const d = [...done];
      d[i] = after !== undefined;
      visit(
        left.filter((j) => j !== i),
        after ?? files,
        d,
      );
    }
  };
  visit(
    ops.map((_, i) => i),
    start,
    [],
  );
  return out;
}

describe.each(['fs', 'git'] as CmsKind[])('concurrent saves to one file (decap-server in %s mode)', (kind) => {
  let cms: SharedCms;
  const api = (body: unknown) => postApi(cms.astroPort, body);
  const read = (path: string) => (existsSync(join(cms.dir, path)) ? readFileSync(join(cms.dir, path), 'utf8') : null);
  /** In git mode: the file as the last commit has it (null when not there), so a commit must match the disk. */
  const committed = (path: string) =>
    cms.gitStatus('cat-file', '-e', `HEAD:${path}`) === 0 ? `${cms.git('show', `HEAD:${path}`)}\n` : null;
  const commits = () => Number(cms.git('rev-list', '--count', 'HEAD'));

  /** Creates the entries through the API, as new entries (git mode: one commit each). */
  async function create(files: Record<string, string>): Promise<void> {
    for (const [path, raw] of Object.entries(files)) {
      const r = await api(saveEntry(path, raw, true));
      expect(r.status, r.body).toBe(200);
    }
  }

  /** The files on disk equal `files`; in git mode, HEAD too, and nothing is left uncommitted. */
  function expectFiles(files: Files): void {
    const paths = Object.keys(files);
    expect(Object.fromEntries(paths.map((p) => [p, read(p)]))).toEqual(files);
    if (kind === 'git') {
      expect(Object.fromEntries(paths.map((p) => [p, committed(p)]))).toEqual(files);
      expect(cms.git('status', '--porcelain')).toBe('');
    }
  }

  /** A refusal names the file and says in Chinese why nothing was written. */
  function expectRefused(r: ApiAnswer, path: string): void {
    expect(r.status, r.body).toBe(409);
    expect(r.error).toContain(path);
    expect(r.error).toMatch(/已经存在|已不存在/);
    expect(r.body).not.toMatch(/Error|at .*\.ts|Unknown/);
  }

  beforeAll(async () => {
    cms = await acquireCms(kind);
  }, 300_000);

  afterAll(async () => {
    await cms?.release();
  });

  test('two renames onto one name at once: one is done, the other refused with a message; neither entry is lost', async () => {
    const a = 'content/members/zz-rename-a.md';
    const b = 'content/members/zz-rename-b.md';
    const c = 'content/members/zz-rename-c.md';
    await create({ [a]: member('甲', '语文'), [b]: member('乙', '数学') });
    const before = kind === 'git' ? commits() : 0;
    const raws = [member('甲', '语文组长'), member('乙', '数学组长')];
    const answers = await Promise.all([
      api(renameEntries([{ path: a, newPath: c, raw: raws[0] }])),
      api(renameEntries([{ path: b, newPath: c, raw: raws[1] }])),
    ]);
    const statuses = answers.map((r) => r.status);
    expect([...statuses].sort(), answers.map((r) => r.body).join('\n')).toEqual([200, 409]);
    const won = statuses.indexOf(200);
    const lost = 1 - won;
    expectRefused(answers[lost], c);
    // The one done is at c; the one refused is untouched where it was.
    const sources = [a, b];
    expectFiles({
      [c]: raws[won],
      [sources[won]]: null,
      [sources[lost]]: [member('甲', '语文'), member('乙', '数学')][lost],
    });
    if (kind === 'git') expect(commits()).toBe(before + 1);
  });

  test('two new entries of one name at once: one is created, the other refused, not written over it', async () => {
    const path = 'content/members/zz-new-same.md';
    const raws = [member('戊', '美术'), member('己', '音乐')];
    const before = kind === 'git' ? commits() : 0;
    const answers = await Promise.all(raws.map((raw) => api(saveEntry(path, raw, true))));
    const statuses = answers.map((r) => r.status);
    expect([...statuses].sort(), answers.map((r) => r.body).join('\n')).toEqual([200, 409]);
    expectRefused(answers[statuses.indexOf(409)], path);
    expectFiles({ [path]: raws[statuses.indexOf(200)] });
    if (kind === 'git') expect(commits()).toBe(before + 1);
  });

  test('a save, a rename and a delete of one file at once: every answer is true of the files', async () => {
    const x = 'content/members/zz-three-x.md';
    const y = 'content/members/zz-three-y.md';
    const start = member('丙', '英语');
    await create({ [x]: start });
    const before = kind === 'git' ? commits() : 0;
    const saved = member('丙', '英语组长');
    const renamed = member('丙', '英语教研组长');
    const ops: Op[] = [
      { name: 'save', body: saveEntry(x, saved, false), run: (f) => (f[x] === null ? undefined : { ...f, [x]: saved }) },
      {
        name: 'rename',
        body: renameEntries([{ path: x, newPath: y, raw: renamed }]),
        run: (f) => (f[x] === null || f[y] !== null ? undefined : { ...f, [x]: null, [y]: renamed }),
      },
      { name: 'delete', body: deleteEntry(x), run: (f) => (f[x] === null ? undefined : { ...f, [x]: null }) },
    ];
    const answers = await Promise.all(ops.map((o) => api(o.body)));
    const done = answers.map((r) => r.status === 200);
    const files: Files = { [x]: read(x), [y]: read(y) };
    const possible = outcomes(ops, { [x]: start, [y]: null });
    // Some order of the three gives exactly these answers and these files.
    expect(
      possible.some((o) => o.done.every((d, i) => d === done[i]) && JSON.stringify(o.files) === JSON.stringify(files)),
      `answers ${answers.map((r, i) => `${ops[i].name} ${r.status} ${r.body}`).join(' | ')}; files ${JSON.stringify(files)}`,
    ).toBe(true);
    answers.forEach((r) => {
      if (r.status !== 200) expectRefused(r, x);
    });
    expectFiles(files);
    if (kind === 'git') expect(commits()).toBe(before + done.filter(Boolean).length);
    // Whichever order it was, x is gone now (renamed or deleted): a save or a delete of it, as loaded, is refused.
    expect(files[x]).toBeNull();
    expectRefused(await api(saveEntry(x, saved, false)), x);
    expectRefused(await api(deleteEntry(x)), x);
    expectFiles(files);
  });

  test('a save renaming many files is answered when every file is moved (in git mode: all in its one commit)', async () => {
    const n = 60;
    const from = (i: number) => `content/members/zz-many-${i}.md`;
    const to = (i: number) => `content/members/zz-moved-${i}.md`;
    const files = Object.fromEntries(Array.from({ length: n }, (_, i) => [from(i), member(`丁${i}`, '体育')]));
    await create(files);
    const before = kind === 'git' ? commits() : 0;
    const moves = Array.from({ length: n }, (_, i) => ({ path: from(i), newPath: to(i), raw: member(`丁${i}`, '体育组长') }));
    const r = await api(renameEntries(moves));
    expect(r.status, r.body).toBe(200);
    expectFiles(Object.fromEntries(moves.flatMap((m) => [[m.path, null] as const, [m.newPath, m.raw] as const])));
    if (kind === 'git') expect(commits()).toBe(before + 1);
  });
});
