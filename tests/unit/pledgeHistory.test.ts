/**
 * The pledge history read from a real git repository (src/data/pledgeHistory.ts): what each commit did to what the
 * public could see, decided from `git log -p -U0` in one pass — appends and 销号 are not rewrites, reformatting
 * is not a rewrite, a changed or removed record is, and so are a changed title and a withdrawal.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { pledgeHistory, readHistory } from '../../src/data/pledgeHistory.ts';
import { historyRows } from '../../src/lib/historyRows.ts';
import { frontmatterOutline, reviewStatusOf } from '../../src/lib/frontmatterOutline.ts';
import { unquoteGitPath } from '../../src/loader/gitLogPatch.ts';
import { unpackCommits } from '../../src/loader/packedHistory.ts';
import { tinyContent } from '../fixtures/tinyContent.ts';

const root = new URL('../..', import.meta.url).pathname;

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (dir: string, args: string[], date = '2026-03-01T10:00:00+08:00') =>
  execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });

function commitAll(dir: string, date: string, message = date): string {
  git(dir, ['add', '-A'], date);
  git(dir, ['commit', '-q', '-m', message], date);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

const STUDY = (status: string, title = '读完一本党史书') =>
  [
    '---',
    'owner: li',
    'category: study',
    `title: ${title}`,
    'measures:',
    '  - 每月读两章',
    'deadline: 2026-10-31',
    'review:',
    `  status: ${status}`,
    '  by: sec',
    '  date: 2026-03-01',
    ...(status === 'revise' ? ['  note: 请写明书名'] : []),
    '---',
    '学习党史。',
    '',
  ].join('\n');

const workPath = 'pledges/2026/li-work.md';
const studyPath = 'pledges/2026/li-study.md';

/** A content repository with a known history; returns the folder and each commit's id. */
function historyRepo(): { dir: string; ids: Record<string, string> } {
  const dir = tinyContent({ [studyPath]: STUDY('submitted') });
  made.push(dir);
  git(dir, ['init', '-q', '-b', 'main']);
  const ids: Record<string, string> = {};
  const write = (rel: string, text: string) => writeFileSync(join(dir, rel), text);
  const edit = (rel: string, from: string, to: string) => {
    const text = readFileSync(join(dir, rel), 'utf8');
    expect(text, `${rel} holds “${from}”`).toContain(from);
    write(rel, text.replace(from, to));
  };
  ids.created = commitAll(dir, '2026-02-21T09:00:00+08:00');
  // A record appended to a public pledge; the draft is approved.
  edit(workPath, '    progress: 10\n', '    progress: 10\n  - date: 2026-03-01\n    note: 完成第一节公开课\n    progress: 50\n');
  write(studyPath, STUDY('approved'));
  ids.append = commitAll(dir, '2026-03-01T20:00:00+08:00');
  // Reformatted as the CMS writes it: other indentation, quoted dates. Nothing public changes.
  edit(workPath, '  - 每学期一节公开课', '- 每学期一节公开课');
  edit(workPath, 'deadline: 2026-06-30', "deadline: '2026-06-30'");
  ids.reformat = commitAll(dir, '2026-03-02T08:00:00+08:00');
  // The first record rewritten after it was published.
  edit(workPath, '    note: 制定计划\n', '    note: 制定计划并完成两节公开课\n');
  ids.rewrite = commitAll(dir, '2026-03-05T21:30:00+08:00');
  // 销号 added; the study pledge's title changed after publication.
  edit(workPath, '---\n认真备课', "closed:\n  date: '2026-03-06'\n  verifiedBy: sec\n---\n认真备课");
  write(studyPath, STUDY('approved', '读完两本党史书'));
  ids.close = commitAll(dir, '2026-03-06T10:00:00+08:00');
  // A record dated earlier, inserted between two published ones: it adds, it rewrites nothing.
  edit(workPath, '  - date: 2026-03-01\n', '  - date: 2026-02-27\n    note: 集体备课\n    progress: 30\n  - date: 2026-03-01\n');
  // The study pledge sent back: no longer public.
  write(studyPath, STUDY('revise', '读完两本党史书'));
  ids.backdate = commitAll(dir, '2026-03-07T10:00:00+08:00');
  // A side branch removes a record; merged into main, the merge is the commit main shows.
  git(dir, ['checkout', '-q', '-b', 'side']);
  edit(workPath, '  - date: 2026-02-27\n    note: 集体备课\n    progress: 30\n', '');
  commitAll(dir, '2026-03-08T10:00:00+08:00');
  git(dir, ['checkout', '-q', 'main']);
  git(dir, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], '2026-03-09T10:00:00+08:00');
  ids.merge = git(dir, ['rev-parse', 'HEAD']).trim();
  return { dir, ids };
}

const repo = historyRepo();
const SHOW = { asOf: '2026-12-31', drafts: 'show' } as const;

describe('the history of a pledge file, from git', () => {
  test('lists every commit of the file, oldest first, with its date in the commit’s own time zone', async () => {
    const h = (await pledgeHistory(repo.dir))!;
    expect(h.head).toBe(repo.ids.merge);
    expect(h.shallow).toBe(false);
    const work = h.commitsOf(join(repo.dir, workPath));
    expect(work.map((c) => c.commit)).toEqual([
      repo.ids.created,
      repo.ids.append,
      repo.ids.reformat,
      repo.ids.rewrite,
      repo.ids.close,
      repo.ids.backdate,
      repo.ids.merge,
    ]);
    // The date as the commit's own zone has it (+08:00 here), whatever zone the build runs in.
    expect(work.map((c) => c.date)).toEqual([
      '2026-02-21',
      '2026-03-01',
      '2026-03-02',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-09',
    ]);
  });

  test('appending a record, reformatting, 销号 and a backdated record change nothing public; a rewritten or removed record does', async () => {
    const work = (await pledgeHistory(repo.dir))!.commitsOf(join(repo.dir, workPath));
    const byId = new Map(work.map((c) => [c.commit, c]));
    const what = (id: string) => {
      const c = byId.get(id)!;
      return { kind: c.kind, wasPublic: c.wasPublic, isPublic: c.isPublic, rewrote: c.rewrote, changed: c.changed, unknown: c.unknown };
    };
    expect(what(repo.ids.created)).toEqual({
      kind: 'created',
      wasPublic: false,
      isPublic: true,
      rewrote: [],
      changed: [],
      unknown: undefined,
    });
    for (const id of [repo.ids.append, repo.ids.reformat, repo.ids.close, repo.ids.backdate]) {
      expect(what(id), id).toEqual({ kind: 'edited', wasPublic: true, isPublic: true, rewrote: [], changed: [], unknown: undefined });
    }
    expect(what(repo.ids.rewrite).rewrote).toEqual(['2026-02-25']);
    expect(what(repo.ids.merge).rewrote).toEqual(['2026-02-27']);
    const rows = historyRows(work, SHOW);
    expect(rows.marked).toBe(2);
    expect(rows.afterPublished).toBe(6);
    expect(rows.rows.find((r) => r.commit === repo.ids.rewrite)).toMatchObject({
      marked: true,
      short: repo.ids.rewrite.slice(0, 7),
      text: '改写了已经公开的践诺记实：2026-02-25 的记实',
    });
    expect(rows.rows.find((r) => r.commit === repo.ids.append)).toMatchObject({ marked: false, text: '更新（没有改动已经公开的内容）' });
  });

  test('a draft is not public until approved; a changed title and a withdrawal are marked', async () => {
    const study = (await pledgeHistory(repo.dir))!.commitsOf(join(repo.dir, studyPath));
    expect(study.map((c) => c.commit)).toEqual([repo.ids.created, repo.ids.append, repo.ids.close, repo.ids.backdate]);
    const [created, approved, retitled, withdrawn] = study;
    expect(created).toMatchObject({ kind: 'created', isPublic: false });
    expect(approved).toMatchObject({ wasPublic: false, isPublic: true });
    expect(retitled).toMatchObject({ wasPublic: true, isPublic: true, changed: ['title'], rewrote: [] });
    expect(withdrawn).toMatchObject({ wasPublic: true, isPublic: false });
    expect(historyRows(study, SHOW).rows.map((r) => [r.text, r.marked])).toEqual([
      ['建立承诺文件（尚未公开）', false],
      ['开始公开', false],
      ['修改了已经公开的承诺事项', true],
      ['撤回公开', true],
    ]);
  });

  test('a file no commit touched has no commits; a shallow clone says so', async () => {
    const h = (await pledgeHistory(repo.dir))!;
    expect(h.commitsOf(join(repo.dir, 'pledges/2026/nobody.md'))).toEqual([]);
    const shallow = mkdtempSync(join(tmpdir(), 'shallow-'));
    made.push(shallow);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
    const s = (await pledgeHistory(shallow))!;
    expect(s.shallow).toBe(true);
    expect(s.commitsOf(join(shallow, workPath)).map((c) => c.kind)).toEqual(['created']);
  });

  test('a pledge shown only inside the organisation (visibility: internal) is not yet public; made public, it is', async () => {
    const inside = STUDY('approved').replace('review:', 'visibility: internal\nreview:');
    const dir = tinyContent({ [studyPath]: inside });
    made.push(dir);
    git(dir, ['init', '-q']);
    commitAll(dir, '2026-03-01T10:00:00+08:00');
    writeFileSync(join(dir, studyPath), inside.replace('title: 读完一本党史书', 'title: 读完三本党史书'));
    commitAll(dir, '2026-03-02T10:00:00+08:00');
    writeFileSync(
      join(dir, studyPath),
      inside.replace('title: 读完一本党史书', 'title: 读完三本党史书').replace('visibility: internal', 'visibility: public'),
    );
    commitAll(dir, '2026-03-03T10:00:00+08:00');
    const study = (await pledgeHistory(dir))!.commitsOf(join(dir, studyPath));
    expect(historyRows(study, SHOW).rows.map((r) => [r.text, r.marked])).toEqual([
      ['建立承诺文件（尚未公开）', false],
      ['修改（尚未公开）', false],
      ['开始公开', false],
    ]);
  });

  test('a version far over the size limit is not kept: its later changes are reported as unknown, not guessed', async () => {
    const big = STUDY('approved').replace('学习党史。', Array.from({ length: 3000 }, (_, i) => `第${i}行${'长'.repeat(400)}`).join('\n'));
    const dir = tinyContent({ [studyPath]: big });
    made.push(dir);
    git(dir, ['init', '-q']);
    commitAll(dir, '2026-03-01T10:00:00+08:00');
    writeFileSync(join(dir, studyPath), big.replace('title: 读完一本党史书', 'title: 读完三本党史书'));
    commitAll(dir, '2026-03-02T10:00:00+08:00');
    const study = (await pledgeHistory(dir))!.commitsOf(join(dir, studyPath));
    expect(study.map((c) => [c.kind, c.unknown])).toEqual([
      ['created', true],
      ['edited', true],
    ]);
    expect(historyRows(study, SHOW).rows.map((r) => r.text)).toEqual(['建立承诺文件（无法核对内容）', '修改（无法核对改动了什么）']);
  });

  test('no history outside a git checkout, or with BOARD_HISTORY=off', async () => {
    const plain = tinyContent();
    made.push(plain);
    expect(await pledgeHistory(plain)).toBeNull();
    process.env.BOARD_HISTORY = 'off';
    try {
      expect(await pledgeHistory(join(repo.dir, '.'))).toBeNull();
    } finally {
      delete process.env.BOARD_HISTORY;
    }
  });

  test('git is run a fixed number of times, however many pledge files there are (one pass, not one per file)', async () => {
    // A `git` first on PATH that counts its runs and hands over to the real one.
    const bin = mkdtempSync(join(tmpdir(), 'git-count-'));
    made.push(bin);
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho x >> "${bin}/runs"\nexec "${real}" "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    const runs = async (pledges: number) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < pledges; i += 1) files[`pledges/2026/p${i}.md`] = STUDY('approved', `第${i}项承诺`);
      const dir = tinyContent(files);
      made.push(dir);
      git(dir, ['init', '-q']);
      commitAll(dir, '2026-03-01T10:00:00+08:00');
      for (let i = 0; i < pledges; i += 1) writeFileSync(join(dir, `pledges/2026/p${i}.md`), STUDY('approved', `第${i}项承诺（修改）`));
      commitAll(dir, '2026-03-02T10:00:00+08:00');
      rmSync(join(bin, 'runs'), { force: true });
      const path = process.env.PATH;
      process.env.PATH = `${bin}:${path}`;
      try {
        const h = (await pledgeHistory(dir))!;
        expect(h.commitsOf(join(dir, 'pledges/2026/p0.md'))).toHaveLength(2);
      } finally {
        process.env.PATH = path;
      }
      return readFileSync(join(bin, 'runs'), 'utf8').trim().split('\n').length;
    };
    const few = await runs(2);
    const many = await runs(40);
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });
});

describe('what a rewrite hides behind, and files as git keeps them', () => {
  test('withdraw, rewrite, publish again: the republishing is compared with what was published before', async () => {
    const dir = tinyContent();
    made.push(dir);
    git(dir, ['init', '-q']);
    commitAll(dir, '2026-03-01T10:00:00+08:00');
    const text = readFileSync(join(dir, workPath), 'utf8');
    writeFileSync(join(dir, workPath), text.replace('  status: approved', '  status: revise\n  note: 请补充'));
    commitAll(dir, '2026-03-02T10:00:00+08:00');
    writeFileSync(
      join(dir, workPath),
      text.replace('  status: approved', '  status: revise\n  note: 请补充').replace('制定计划', '制定了详细计划'),
    );
    commitAll(dir, '2026-03-03T10:00:00+08:00');
    writeFileSync(join(dir, workPath), text.replace('制定计划', '制定了详细计划'));
    commitAll(dir, '2026-03-04T10:00:00+08:00');
    // Deleted and written again with another record: compared with the last published version too.
    rmSync(join(dir, workPath));
    commitAll(dir, '2026-03-05T10:00:00+08:00');
    writeFileSync(join(dir, workPath), text.replace('制定计划', '重新制定计划'));
    commitAll(dir, '2026-03-06T10:00:00+08:00');
    const rows = historyRows((await pledgeHistory(dir))!.commitsOf(join(dir, workPath)), SHOW).rows;
    expect(rows.map((r) => [r.text, r.marked])).toEqual([
      ['建立承诺文件并公开', false],
      ['撤回公开', true],
      ['修改（尚未公开）', false],
      ['重新公开，与之前公开的相比：改写了已经公开的践诺记实：2026-02-25 的记实', true],
      ['删除承诺文件', true],
      ['重新公开，与之前公开的相比：改写了已经公开的践诺记实：2026-02-25 的记实', true],
    ]);
    // The summary counts alike (issue 22, item 11): every commit after the first publication is a change after it,
    // the republishing ones included, so the marked ones are among them (it said 修改 2 次，其中 4 次 before).
    const summary = historyRows((await pledgeHistory(dir))!.commitsOf(join(dir, workPath)), SHOW);
    expect({ afterPublished: summary.afterPublished, marked: summary.marked }).toEqual({ afterPublished: 5, marked: 4 });
    // The public board does not list what happened before the first publication; here that is nothing.
    expect(historyRows((await pledgeHistory(dir))!.commitsOf(join(dir, workPath)), { asOf: '2026-12-31', drafts: 'collapse' }).drafts).toBe(
      0,
    );
  });

  test('a content folder inside the repository, a non-ASCII path with a space, CRLF, no final newline and .gitattributes -diff', async () => {
    const repoDir = mkdtempSync(join(tmpdir(), 'repo-'));
    made.push(repoDir);
    const dir = join(repoDir, '本支部 内容');
    cpSync(tinyContent(), dir, { recursive: true });
    const odd = 'pledges/2026/李 明-学习.md';
    const crlf = STUDY('approved').replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    writeFileSync(join(dir, odd), crlf);
    writeFileSync(join(repoDir, '.gitattributes'), '*.md -diff\n');
    git(repoDir, ['init', '-q']);
    commitAll(repoDir, '2026-03-01T10:00:00+08:00');
    writeFileSync(join(dir, odd), crlf.replace('title: 读完一本党史书', 'title: 读完两本党史书'));
    // A measure added at the end of the list after publication changes what was published.
    writeFileSync(
      join(dir, workPath),
      readFileSync(join(dir, workPath), 'utf8').replace('  - 每学期一节公开课\n', '  - 每学期一节公开课\n  - 每月听课两节\n'),
    );
    commitAll(repoDir, '2026-03-02T10:00:00+08:00');
    const h = (await pledgeHistory(dir))!;
    expect(historyRows(h.commitsOf(join(dir, odd)), SHOW).rows.map((r) => [r.text, r.marked])).toEqual([
      ['建立承诺文件并公开', false],
      ['修改了已经公开的承诺事项', true],
    ]);
    expect(historyRows(h.commitsOf(join(dir, workPath)), SHOW).rows.map((r) => r.text)).toEqual([
      '建立承诺文件并公开',
      '修改了已经公开的践诺措施',
    ]);
  });

  test('the public board counts the drafts before publication instead of listing them; a pledge kept inside is published on the internal board', async () => {
    const inside = STUDY('approved').replace('review:', 'visibility: internal\nreview:');
    const dir = tinyContent({ [studyPath]: STUDY('draft') });
    made.push(dir);
    git(dir, ['init', '-q']);
    commitAll(dir, '2026-03-01T10:00:00+08:00');
    writeFileSync(join(dir, studyPath), inside);
    commitAll(dir, '2026-03-02T10:00:00+08:00');
    writeFileSync(join(dir, studyPath), inside.replace('title: 读完一本党史书', 'title: 读完三本党史书'));
    commitAll(dir, '2026-03-03T10:00:00+08:00');
    const pub = historyRows((await pledgeHistory(dir))!.commitsOf(join(dir, studyPath)), { asOf: '2026-12-31', drafts: 'collapse' });
    expect(pub.drafts).toBe(3);
    expect(pub.rows).toEqual([]);
    // The internal board, read in a process of its own as a build reads it (from a copy: each folder is read once).
    const copy = mkdtempSync(join(tmpdir(), 'internal-'));
    made.push(copy);
    cpSync(dir, copy, { recursive: true });
    process.env.SITE_SCOPE = 'internal';
    try {
      const internal = await pledgeHistory(copy, { projectRoot: root });
      expect(historyRows(internal!.commitsOf(join(copy, studyPath)), SHOW).rows.map((r) => [r.text, r.marked])).toEqual([
        ['建立承诺文件（尚未公开）', false],
        ['开始公开', false],
        ['修改了已经公开的承诺事项', true],
      ]);
    } finally {
      delete process.env.SITE_SCOPE;
    }
  });
});

describe('reading front matter by lines', () => {
  test('finds each key’s lines and the review status, and leaves a flow mapping to the parser', () => {
    const lines = [
      '---',
      'title: 甲',
      'review:',
      '  by: sec',
      '  status: approved',
      'records:',
      '- date: x',
      '  note: "status: revise"',
      '---',
      '正文',
    ];
    const o = frontmatterOutline(lines);
    expect(o.end).toBe(8);
    expect([...o.keys]).toEqual([
      ['title', [1, 2]],
      ['review', [2, 5]],
      ['records', [5, 8]],
    ]);
    expect(o.keyAt(6)).toBe('records');
    expect(o.keyAt(9)).toBe('body');
    expect(reviewStatusOf(lines, o)).toBe('approved');
    const flow = ['---', 'review: {status: approved}', '---'];
    expect(reviewStatusOf(flow, frontmatterOutline(flow))).toBeUndefined();
  });

  test('unquotes the paths git quotes', () => {
    expect(unquoteGitPath('"pledges/2026/\\345\\274\\240 \\"a\\".md"')).toBe('pledges/2026/张 "a".md');
    expect(unquoteGitPath('pledges/2026/li.md')).toBe('pledges/2026/li.md');
  });
});

describe('a baseline (history-baseline.json): where the comparing starts', () => {
  /** A repository whose work pledge is rewritten before the baseline and after it; the baseline commit itself touches no pledge. */
  function baselineRepo(): { dir: string; ids: Record<string, string> } {
    const dir = tinyContent();
    made.push(dir);
    git(dir, ['init', '-q', '-b', 'main']);
    const ids: Record<string, string> = {};
    const text = readFileSync(join(dir, workPath), 'utf8');
    ids.created = commitAll(dir, '2026-03-01T10:00:00+08:00');
    writeFileSync(join(dir, workPath), text.replace('制定计划', '制定了详细计划'));
    ids.earlyRewrite = commitAll(dir, '2026-03-02T10:00:00+08:00');
    writeFileSync(join(dir, 'members/li.md'), readFileSync(join(dir, 'members/li.md'), 'utf8').replace('数学教师', '数学教研组长'));
    ids.baseline = commitAll(dir, '2026-03-03T10:00:00+08:00');
    writeFileSync(join(dir, 'history-baseline.json'), JSON.stringify({ commit: ids.baseline, reason: '示例内容编写完成' }));
    writeFileSync(
      join(dir, workPath),
      text
        .replace('制定计划', '制定了详细计划')
        .replace('    progress: 10\n', '    progress: 10\n  - date: 2026-03-05\n    note: 完成公开课\n    progress: 60\n'),
    );
    ids.append = commitAll(dir, '2026-03-05T10:00:00+08:00');
    writeFileSync(
      join(dir, workPath),
      text
        .replace('制定计划', '重写的计划')
        .replace('    progress: 10\n', '    progress: 10\n  - date: 2026-03-05\n    note: 完成公开课\n    progress: 60\n'),
    );
    ids.lateRewrite = commitAll(dir, '2026-03-06T10:00:00+08:00');
    return { dir, ids };
  }

  test('commits up to the baseline are listed as the starting state, never marked; later ones are compared with the state it left', async () => {
    const { dir, ids } = baselineRepo();
    const work = (await pledgeHistory(dir))!.commitsOf(join(dir, workPath));
    expect(work.map((c) => [c.commit, c.baseline ?? false])).toEqual([
      [ids.created, true],
      [ids.earlyRewrite, true],
      [ids.append, false],
      [ids.lateRewrite, false],
    ]);
    const summary = historyRows(work, SHOW);
    expect(summary.rows.map((r) => [r.text, r.marked])).toEqual([
      ['修改记录起点及以前的提交（起始状态，不核对改动了什么）', false],
      ['修改记录起点及以前的提交（起始状态，不核对改动了什么）', false],
      ['更新（没有改动已经公开的内容）', false],
      ['改写了已经公开的践诺记实：2026-02-25 的记实', true],
    ]);
    expect(summary).toMatchObject({ baseline: 2, afterPublished: 2, marked: 1 });
  });

  test('a pledge withdrawn before the baseline and published again after it starts from the baseline, not from its earlier publication', async () => {
    const dir = tinyContent();
    made.push(dir);
    git(dir, ['init', '-q']);
    const text = readFileSync(join(dir, workPath), 'utf8');
    commitAll(dir, '2026-03-01T10:00:00+08:00');
    writeFileSync(join(dir, workPath), text.replace('  status: approved', '  status: revise\n  note: 请补充'));
    const baseline = commitAll(dir, '2026-03-02T10:00:00+08:00');
    writeFileSync(join(dir, 'history-baseline.json'), JSON.stringify({ commit: baseline.slice(0, 12) }));
    writeFileSync(join(dir, workPath), text.replace('制定计划', '制定了详细计划'));
    commitAll(dir, '2026-03-03T10:00:00+08:00');
    const rows = historyRows((await pledgeHistory(dir))!.commitsOf(join(dir, workPath)), SHOW).rows;
    expect(rows.map((r) => [r.text, r.marked])).toEqual([
      ['修改记录起点及以前的提交（起始状态，不核对改动了什么）', false],
      ['修改记录起点及以前的提交（起始状态，不核对改动了什么）', false],
      ['开始公开', false],
    ]);
  });

  test('a baseline that is not a commit of the repository (content copied from elsewhere) or is malformed is not used, with a warning: every commit is compared; one older than a shallow clone needs no warning', async () => {
    const { dir, ids } = baselineRepo();
    writeFileSync(join(dir, 'history-baseline.json'), JSON.stringify({ commit: 'f'.repeat(40) }));
    git(dir, ['commit', '-qam', 'wrong baseline'], '2026-03-07T10:00:00+08:00');
    const wrong = (await readHistory(dir))!;
    expect(wrong.warning).toBe(
      `history-baseline.json 写的修改记录起点 ${'f'.repeat(40)} 不是这个版本库中的提交（这份内容也许是从别的仓库复制来的），修改记录没有用它，从第一次提交起逐一核对。`,
    );
    expect(
      unpackCommits(wrong, workPath)
        .filter((c) => c.rewrote.length)
        .map((c) => c.commit),
    ).toEqual([ids.earlyRewrite, ids.lateRewrite]);
    writeFileSync(join(dir, 'history-baseline.json'), '{"commit": "HEAD"}');
    expect((await readHistory(dir))!.warning).toBe(
      'history-baseline.json 的 commit 应是一次提交的编号（7 到 64 位小写十六进制），现在是“HEAD”，修改记录没有用它，从第一次提交起逐一核对。',
    );
    const warnings: string[] = [];
    expect(await pledgeHistory(dir, { onWarning: (m) => warnings.push(m) })).not.toBeNull();
    expect(warnings).toHaveLength(1);
    const shallowRepo = baselineRepo();
    const shallow = mkdtempSync(join(tmpdir(), 'shallow-'));
    made.push(shallow);
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${shallowRepo.dir}`, shallow]);
    const h = (await pledgeHistory(shallow))!;
    expect(h.shallow).toBe(true);
    expect((await readHistory(shallow))!.warning).toBeUndefined();
    const rows = historyRows(h.commitsOf(join(shallow, workPath)), SHOW);
    expect(rows.rows.map((r) => r.marked)).toEqual([false, true]);
    expect(rows.baseline).toBe(0);
  });

  test('a merge after the baseline is compared like any later commit', async () => {
    const { dir, ids } = baselineRepo();
    git(dir, ['checkout', '-q', '-b', 'side', ids.append]);
    writeFileSync(join(dir, workPath), readFileSync(join(dir, workPath), 'utf8').replace('完成公开课', '改写的公开课'));
    commitAll(dir, '2026-03-07T10:00:00+08:00');
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['merge', '-q', '--no-ff', '-X', 'theirs', '-m', 'merge side', 'side'], '2026-03-08T10:00:00+08:00');
    const work = (await pledgeHistory(dir))!.commitsOf(join(dir, workPath));
    expect(work.filter((c) => c.baseline).map((c) => c.commit)).toEqual([ids.created, ids.earlyRewrite]);
    expect(historyRows(work, SHOW).rows.at(-1)).toMatchObject({ marked: true });
  });
});
