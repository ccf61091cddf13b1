/**
 * A save under `npm start` is a commit of exactly the files it wrote (src/cms/commitSave.ts), in a real git
 * repository: other edits in the work tree and the index are left alone, no hook runs, no key is asked for, and a
 * commit git refuses leaves the index as it was and says why in Chinese. The message names the entry
 * (src/cms/saveMessage.ts).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cmsPaths } from '../../src/cms/cmsPaths.ts';
import { commitSave, explainFailure, gitEnv } from '../../src/cms/commitSave.ts';
import { saveMessage, type SaveDescription } from '../../src/cms/saveMessage.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const PLEDGE = (title: string, records = '') => `---\nowner: li\ncategory: work\ntitle: ${title}\n${records}---\n正文\n`;
const A = 'content/pledges/2025/a.md';
const B = 'content/pledges/2025/b.md';

/** git in `dir` with a clean environment (the test runner's GIT_* would leak in otherwise), never signing. */
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', env: gitEnv() }).trim();

/** A project folder with content/ in a git repository, one pledge committed; `identity: false` leaves no user configured. */
function project(o: { identity?: boolean; init?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'commit-save-'));
  made.push(dir);
  mkdirSync(join(dir, 'content/pledges/2025'), { recursive: true });
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, A), PLEDGE('上好公开课'));
  writeFileSync(join(dir, 'src/app.ts'), 'export {};\n');
  if (o.init === false) return dir;
  git(dir, 'init', '-q', '-b', 'main');
  // An isolated configuration: no global identity, no hooks of the machine.
  git(dir, 'config', 'commit.gpgsign', 'true');
  git(dir, 'config', 'gpg.program', '/bin/false');
  if (o.identity !== false) {
    git(dir, 'config', 'user.name', '书记');
    git(dir, 'config', 'user.email', 'shuji@school.lan');
  }
  execFileSync('git', ['-c', 'user.name=init', '-c', 'user.email=init@x', '-c', 'commit.gpgsign=false', 'add', '-A'], {
    cwd: dir,
    env: gitEnv(),
  });
  execFileSync('git', ['-c', 'user.name=init', '-c', 'user.email=init@x', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'init'], {
    cwd: dir,
    env: gitEnv(),
  });
  return dir;
}

const isolated = { HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1' };
/** Runs `f` with git's global and system configuration out of the way. */
async function withoutGlobalConfig<T>(f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(isolated).map((k) => [k, process.env[k]]));
  Object.assign(process.env, isolated);
  try {
    return await f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('commitSave', () => {
  test('commits only the saved file, with the message given; the developer’s other edits stay uncommitted and staged as they were', async () => {
    const dir = project();
    writeFileSync(join(dir, 'src/app.ts'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'notes.txt'), '草稿\n');
    git(dir, 'add', 'notes.txt');
    writeFileSync(join(dir, A), PLEDGE('上好两节公开课'));
    const r = await withoutGlobalConfig(() =>
      commitSave({
        root: dir,
        contentDir: join(dir, 'content'),
        paths: [A],
        message: '更新承诺：上好两节公开课（content/pledges/2025/a.md）\n',
      }),
    );
    expect(r).toMatchObject({ status: 'committed', paths: [A] });
    expect(git(dir, 'show', '--name-only', '--format=%s%n%an <%ae>', 'HEAD').split('\n')).toEqual([
      '更新承诺：上好两节公开课（content/pledges/2025/a.md）',
      '书记 <shuji@school.lan>',
      '',
      A,
    ]);
    expect(git(dir, 'status', '--porcelain')).toBe('A  notes.txt\n M src/app.ts'.trim());
  });

  test('a new file and a deleted one are committed too; a file git never knew and that is gone leaves nothing to do', async () => {
    const dir = project();
    writeFileSync(join(dir, B), PLEDGE('新承诺'));
    expect(await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [B], message: '新建' })).toMatchObject({
      status: 'committed',
    });
    rmSync(join(dir, A));
    expect(await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [A], message: '删除' })).toMatchObject({
      status: 'committed',
    });
    expect(git(dir, 'log', '--format=%s', '--name-status')).toContain(`D\t${A}`);
    expect(
      await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: ['content/pledges/2025/never.md'], message: 'x' }),
    ).toEqual({ status: 'unchanged' });
    expect(await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [B], message: 'same bytes again' })).toEqual({
      status: 'unchanged',
    });
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('3');
  });

  test('in a repository with no commit yet, the first save is its first commit', async () => {
    const dir = project({ init: false });
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.name', '书记');
    git(dir, 'config', 'user.email', 's@x');
    expect(await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [A], message: '新建' })).toMatchObject({
      status: 'committed',
    });
    expect(git(dir, 'show', '--name-only', '--format=%s', 'HEAD').split('\n')).toEqual(['新建', '', A]);
    expect(git(dir, 'status', '--porcelain')).toBe('?? src/');
  });

  test('no hook runs, signing configured to fail is not used, and without a configured author the CMS’s name is used', async () => {
    const dir = project({ identity: false });
    mkdirSync(join(dir, '.git/hooks'), { recursive: true });
    for (const hook of ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit']) {
      writeFileSync(join(dir, '.git/hooks', hook), `#!/bin/sh\ntouch "${dir}/hook-ran-${hook}"\nexit 1\n`);
      chmodSync(join(dir, '.git/hooks', hook), 0o755);
    }
    writeFileSync(join(dir, A), PLEDGE('改'));
    const r = await withoutGlobalConfig(() => commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [A], message: '更新' }));
    expect(r.status).toBe('committed');
    expect(git(dir, 'log', '-1', '--format=%an <%ae>|%G?')).toBe('内容管理后台 <cms@localhost>|N');
    expect(execFileSync('ls', [dir], { encoding: 'utf8' })).not.toContain('hook-ran');
  });

  test('GIT_DIR and GIT_INDEX_FILE of the caller’s environment cannot send the commit elsewhere', async () => {
    const dir = project();
    const other = project();
    writeFileSync(join(dir, A), PLEDGE('改'));
    process.env.GIT_DIR = join(other, '.git');
    process.env.GIT_INDEX_FILE = join(other, '.git/index');
    try {
      expect(await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [A], message: '更新' })).toMatchObject({
        status: 'committed',
      });
    } finally {
      delete process.env.GIT_DIR;
      delete process.env.GIT_INDEX_FILE;
    }
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('2');
    expect(git(other, 'rev-list', '--count', 'HEAD')).toBe('1');
  });

  test('during a merge the commit is refused, the index is left exactly as it was, and the reason is given in Chinese', async () => {
    const dir = project();
    git(dir, 'checkout', '-q', '-b', 'side');
    writeFileSync(join(dir, 'src/app.ts'), 'export const side = 1;\n');
    git(dir, 'commit', '-q', '-am', 'side');
    git(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'src/other.ts'), 'export {};\n');
    git(dir, 'add', 'src/other.ts');
    git(dir, 'commit', '-q', '-m', 'main');
    git(dir, 'merge', '-q', '--no-commit', '--no-ff', 'side');
    const index = git(dir, 'ls-files', '-s');
    writeFileSync(join(dir, A), PLEDGE('合并中改'));
    writeFileSync(join(dir, B), PLEDGE('合并中新建'));
    const r = await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [A, B], message: '更新' });
    expect(r.status).toBe('failed');
    if (r.status === 'failed') expect(r.reason).toMatch(/^版本库正在合并（merge）中.*（git：.+）$/);
    expect(git(dir, 'ls-files', '-s')).toBe(index);
    // init and main's own commit: nothing added.
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('2');
  });

  test('an ignored content file is not committed and says so; outside a repository there is nothing to do', async () => {
    const dir = project();
    writeFileSync(join(dir, '.gitignore'), 'content/pledges/2025/b.md\n');
    writeFileSync(join(dir, B), PLEDGE('被忽略'));
    const r = await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [B], message: '新建' });
    expect(r.status).toBe('failed');
    if (r.status === 'failed') expect(r.reason).toContain('.gitignore');
    expect(git(dir, 'ls-files', B)).toBe('');
    const plain = project({ init: false });
    expect(await commitSave({ root: plain, contentDir: join(plain, 'content'), paths: [A], message: 'x' })).toEqual({
      status: 'no-repository',
    });
  });

  test('content in a repository of its own: its files are committed there, an upload in the project is named as left out', async () => {
    const dir = project({ init: false });
    git(join(dir, 'content'), 'init', '-q');
    git(join(dir, 'content'), 'config', 'user.name', '书记');
    git(join(dir, 'content'), 'config', 'user.email', 's@x');
    mkdirSync(join(dir, 'public/uploads'), { recursive: true });
    writeFileSync(join(dir, 'public/uploads/a.png'), 'x');
    const r = await commitSave({ root: dir, contentDir: join(dir, 'content'), paths: [A, 'public/uploads/a.png'], message: '新建' });
    expect(r).toMatchObject({ status: 'committed', paths: ['pledges/2025/a.md'], outside: ['public/uploads/a.png'] });
  });

  test('explains what git says in Chinese and quotes git’s last line', () => {
    expect(explainFailure("fatal: Unable to create '/x/.git/index.lock': File exists.\n")).toBe(
      "另一个 git 程序正在使用这个版本库（index.lock）：请等它结束（git：fatal: Unable to create '/x/.git/index.lock': File exists.）",
    );
    expect(explainFailure('fatal: something new')).toBe('git 没有完成提交（git：fatal: something new）');
  });
});

describe('saveMessage', () => {
  const paths = cmsPaths('main');
  test.each<[string, SaveDescription, string]>([
    [
      'a pledge updated',
      { action: 'persistEntry', collection: 'pledges', files: [{ path: A, raw: PLEDGE('上好公开课'), existed: true }], media: [] },
      '更新承诺：上好公开课（content/pledges/2025/a.md）\n',
    ],
    [
      'a member created',
      {
        action: 'persistEntry',
        collection: 'members',
        files: [{ path: 'content/members/wang.md', raw: '---\nname: 王芳\norg: b1\n---\n', existed: false }],
        media: [],
      },
      '新建党员：王芳（content/members/wang.md）\n',
    ],
    [
      'a check named by its org and date',
      {
        action: 'persistEntry',
        collection: 'checks',
        files: [{ path: 'content/checks/2025/q1.md', raw: '---\norg: b1\ndate: 2025-03-28\n---\n', existed: true }],
        media: [],
      },
      '更新季度检查：b1 2025-03-28（content/checks/2025/q1.md）\n',
    ],
    [
      'site settings',
      {
        action: 'persistEntry',
        collection: 'site',
        files: [{ path: 'content/site.json', raw: '{"name":"测试党总支"}', existed: true }],
        media: [],
      },
      '更新站点设置：测试党总支（content/site.json）\n',
    ],
    [
      'an unreadable file, by its file name',
      { action: 'persistEntry', collection: 'pledges', files: [{ path: A, raw: 'not front matter', existed: true }], media: [] },
      '更新承诺：a（content/pledges/2025/a.md）\n',
    ],
    [
      'a deletion, named as the file was',
      { action: 'deleteFile', files: [{ path: A, raw: PLEDGE('上好公开课'), existed: true }], media: [] },
      '删除承诺：上好公开课（content/pledges/2025/a.md）\n',
    ],
    ['an upload', { action: 'persistMedia', files: [], media: ['public/uploads/a.png'] }, '上传文件：a.png（public/uploads/a.png）\n'],
  ])('%s', (_, save, message) => {
    expect(saveMessage(paths, save)).toBe(message);
  });

  test('a month’s records for many pledges: one subject naming the first three, a line per file, and a Chinese message of the client kept', () => {
    const files = ['甲', '乙', '丙', '丁'].map((t, i) => ({ path: `content/pledges/2025/p${i}.md`, raw: PLEDGE(t), existed: true }));
    const m = saveMessage(paths, {
      action: 'persistEntry',
      collection: 'pledges',
      files,
      media: [],
      clientMessage: '本月记实：2025年12月\n第二行',
    });
    expect(m.split('\n')).toEqual([
      '更新 4 项承诺：甲、乙、丙等',
      '',
      ...files.map((f, i) => `更新承诺：${'甲乙丙丁'[i]}（${f.path}）`),
      '后台说明：本月记实：2025年12月',
      '',
    ]);
    expect(
      saveMessage(paths, {
        action: 'persistEntry',
        collection: 'pledges',
        files: files.slice(0, 1),
        media: [],
        clientMessage: 'Update Pledges “2025/p0”',
      }),
    ).not.toContain('Update');
  });

  test('a title cannot break the message into lines or run on', () => {
    const m = saveMessage(paths, {
      action: 'persistEntry',
      collection: 'pledges',
      files: [{ path: A, raw: `---\ntitle: "一\\n二\\u0007${'长'.repeat(100)}"\n---\n`, existed: true }],
      media: [],
    });
    expect(m.split('\n')[0]).toBe(`更新承诺：一 二 ${'长'.repeat(56)}…（${A}）`);
  });
});
