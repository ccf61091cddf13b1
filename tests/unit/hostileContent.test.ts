/**
 * Hostile content fails cleanly: each attack is written into a temporary copy of the sample content (in a
 * temporary project with its own package.json and public/uploads), and the check must refuse it with a Chinese
 * message naming the file (and the field or the limit) — never crash, never follow a link, never publish it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { contentGuard } from '../../src/integrations/contentGuard.ts';
import { contentLimits } from '../../src/schemas/contentLimits.ts';
import type { Problem } from '../../src/lib/problem.ts';
import { quoteValue } from '../../src/schemas/quoteValue.ts';
import { xmlText } from '../../src/lib/xmlText.ts';
import { checkContent, type CheckOptions } from '../../src/loader/checkContent.ts';
import { valueShape } from '../../src/lib/valueShape.ts';
import { aliasBomb, withFront } from '../../src/bench/gen/hostileSamples.ts';

const root = new URL('../..', import.meta.url).pathname;
const sample = (rel: string) => readFileSync(join(root, 'content', rel), 'utf8');

const PLEDGE = 'content/pledges/2025/bai-yulan-service.md';
const BULLETIN = 'content/bulletins/2025/zongzhi-q1.md';
const MEMBER = 'content/members/bai-yulan.md';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n');

/** A temporary project holding a copy of the sample content, with `files` (paths from the project root) written over it. */
function project(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), data);
  }
  return dir;
}

function errorsIn(dir: string, o: CheckOptions = {}): Problem[] {
  return checkContent(join(dir, 'content'), '2025-12-26', dir, o).errors;
}

/** The one error of `rule`, asserted to name `file` (and `field`), in Chinese, as an error. */
function refusal(errors: Problem[], rule: string, file: string, field = ''): Problem {
  const hit = errors.find((e) => e.rule === rule && e.file === file);
  expect(hit, JSON.stringify(errors).slice(0, 2000)).toBeDefined();
  expect(hit?.field).toBe(field);
  expect(hit?.severity).toBe('error');
  expect(hit?.message).toMatch(/[\u4e00-\u9fff]/);
  return hit as Problem;
}

describe('YAML aliases', () => {
  test('refuses a billion-laughs alias bomb, naming the file', () => {
    const dir = project({ [PLEDGE]: withFront(sample('pledges/2025/bai-yulan-service.md'), aliasBomb()) });
    const errors = errorsIn(dir);
    expect(refusal(errors, 'yaml-alias', PLEDGE).message).toMatch(/锚点“&a”或别名“\*a”.*不允许/);
    // The rest of the sample is still checked, and nothing else in the file is reported.
    expect(errors.filter((e) => e.file === PLEDGE)).toHaveLength(1);
  });

  test('refuses a single scalar alias too: content never repeats a value by reference', () => {
    const dir = project({ [BULLETIN]: sample('bulletins/2025/zongzhi-q1.md').replace(/^title: (.*)$/m, 'title: &t $1\nperiod2: *t') });
    expect(refusal(errorsIn(dir), 'yaml-alias', BULLETIN).message).toContain('&t');
  });

  test('npm run check prints the alias bomb by file and exits 1, without a stack trace', () => {
    const dir = project({ [PLEDGE]: withFront(sample('pledges/2025/bai-yulan-service.md'), aliasBomb()) });
    const r = spawnSync('node_modules/.bin/tsx', ['src/cli/check.ts', '--content', join(dir, 'content')], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/bai-yulan-service\.md\n {2}\[yaml-alias\] 字段区第 \d+ 行附近用了 YAML 锚点/);
    expect(r.stderr).toBe('');
  }, 60_000);

  test('valueShape finds a list reached twice, however the value was made', () => {
    const shared = ['x', 'x'];
    expect(valueShape({ a: shared, b: [shared] }, 20, 1000)).toEqual({ kind: 'shared' });
    expect(valueShape({ a: ['x'], b: [['x']] }, 20, 1000)).toBeUndefined();
  });
});

describe('size limits', () => {
  test('refuses a content file over 1 MB, with the limit', () => {
    const big = `${sample('members/bai-yulan.md')}${'长'.repeat(400_000)}\n`;
    const hit = refusal(errorsIn(project({ [MEMBER]: big })), 'file-too-large', MEMBER);
    expect(hit.message).toContain('最大 1 MB');
  });

  test('refuses an 8 GB file by its size, without reading it', () => {
    const dir = project();
    // A sparse file: reading it would take minutes and 8 GB; its size alone refuses it.
    truncateSync(join(dir, MEMBER), 8 * 1024 ** 3);
    expect(refusal(errorsIn(dir), 'file-too-large', MEMBER).message).toMatch(/8,192 MB.*最大 1 MB/);
  });

  test('refuses a body over 20,000 characters, naming the body and the limit', () => {
    const text = `${sample('bulletins/2025/zongzhi-q1.md')}${'通报正文'.repeat(5_000)}\n`;
    const hit = refusal(errorsIn(project({ [BULLETIN]: text })), 'body-too-long', BULLETIN, 'body');
    expect(hit.message).toMatch(/有 20,\d{3} 个字，最多 20,000 个字/);
  });

  test('refuses more than 100 ledger records in one pledge, with the limit and the count', () => {
    const record = (i: number) => `- date: '2025-03-${String((i % 28) + 1).padStart(2, '0')}'\n  note: 记实\n  progress: 10\n`;
    const text = sample('pledges/2025/bai-yulan-service.md').replace(
      /records:\n(?:[- ] .*\n)+/,
      `records:\n${Array.from({ length: 101 }, (_, i) => record(i)).join('')}`,
    );
    const hit = refusal(errorsIn(project({ [PLEDGE]: text })), 'max', PLEDGE, 'records');
    expect(hit.message).toBe('「践诺台账（记实）」最多 100 项，现在有 101 项。');
  });

  test('refuses a one-line field over 200 characters, with the limit', () => {
    const text = sample('bulletins/2025/zongzhi-q1.md').replace(/^title: .*$/m, `title: ${'长'.repeat(201)}`);
    expect(refusal(errorsIn(project({ [BULLETIN]: text })), 'max', BULLETIN, 'title').message).toBe(
      '「标题」太长了，最多 200 个字（现在有 201 个字）。',
    );
  });

  test('refuses a front matter of more than 100,000 items before anything walks it', () => {
    const text = withFront(sample('members/bai-yulan.md'), `many: [${Array(150_000).fill('x').join(',')}]\n`);
    expect(refusal(errorsIn(project({ [MEMBER]: text })), 'too-many-items', MEMBER).message).toContain('100,000');
  });

  test('refuses nesting no content needs, in YAML and in site.json', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const site = sample('site.json').replace(/\}\s*$/, `, "deep": ${deep} }`);
    const dir = project({ [MEMBER]: withFront(sample('members/bai-yulan.md'), `deep: ${deep}\n`), 'content/site.json': site });
    const errors = errorsIn(dir);
    expect(refusal(errors, 'too-deep', MEMBER).message).toContain('超过 20 层');
    expect(refusal(errors, 'too-deep', 'content/site.json').message).toContain('超过 20 层');
  });

  test('stops at a folder of more files than allowed, saying the limit', () => {
    const hit = refusal(errorsIn(project(), { limits: { files: 100 } }), 'too-many-files', 'content');
    expect(hit.message).toContain('超过 100 个');
  });

  test('stops once the folder holds more bytes than allowed, saying the limit', () => {
    const hit = refusal(errorsIn(project(), { limits: { totalBytes: 100 * 1024 } }), 'content-too-large', 'content');
    expect(hit.message).toContain('超过 100 KB');
  });

  test('the sample content is far inside every limit', () => {
    expect(errorsIn(project())).toEqual([]);
  });
});

describe('messages stay short whatever the content holds', () => {
  test('a long value is quoted cut to about 100 characters', () => {
    const text = sample('members/bai-yulan.md').replace(/^status: .*$/m, `status: ${'x'.repeat(500_000)}`);
    const hit = refusal(errorsIn(project({ [MEMBER]: text })), 'enum', MEMBER, 'status');
    expect(hit.message.length).toBeLessThan(400);
    expect(hit.message).toContain(`“${'x'.repeat(100)}…”`);
  });

  test('thousands of unknown keys are named by the first ten', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}: 1`).join('\n');
    const hit = refusal(errorsIn(project({ [MEMBER]: withFront(sample('members/bai-yulan.md'), `${keys}\n`) })), 'unknown-key', MEMBER);
    expect(hit.message).toContain('等 5000 个');
    expect(hit.message.length).toBeLessThan(600);
  });

  test('a file of a thousand bad items lists 20 problems and counts the rest', () => {
    const members = Array.from({ length: 1000 }, () => '- member: 1').join('\n');
    const text = sample('evaluations/2025/tuixiu.md').replace(/^members:\n(?:[- ] .*\n)+/m, `members:\n${members}\n`);
    const errors = errorsIn(project({ 'content/evaluations/2025/tuixiu.md': text })).filter(
      (e) => e.file === 'content/evaluations/2025/tuixiu.md',
    );
    expect(errors).toHaveLength(contentLimits.problemsPerFile + 1);
    expect(errors.at(-1)).toMatchObject({ rule: 'more', message: expect.stringContaining('还有 980 处问题没有列出') });
  });

  test('quoteValue bounds any value, however deep or wide', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(quoteValue(deep).length).toBeLessThanOrEqual(101);
    expect(quoteValue(Array(1_000_000).fill('ab')).length).toBeLessThanOrEqual(101);
    expect(quoteValue('通报\u0007')).toBe('“通报\\u0007”');
  });
});

describe('symbolic links', () => {
  const outside = () => {
    const dir = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(dir, 'secret.md'), '---\nname: 外部文件SECRET\norg: tuixiu\nstatus: active\n---\n');
    return dir;
  };

  test.each([
    ['a file link to a file outside', 'content/members/evil.md', (o: string) => join(o, 'secret.md')],
    ['a dangling file link', 'content/members/gone.md', () => '/nonexistent/nowhere.md'],
    ['a round folder linked to a folder outside', 'content/pledges/2026', (o: string) => o],
    ['a dangling folder link', 'content/bulletins/2030', () => '/nonexistent/folder'],
    ['a collection folder linked at the top level', 'content/extra', (o: string) => o],
    ['site.json as a link', 'content/site.json', (o: string) => join(o, 'secret.md')],
  ])('refuses %s, naming it, and never reads through it', (_, link, target) => {
    const dir = project();
    const o = outside();
    rmSync(join(dir, link), { force: true, recursive: true });
    mkdirSync(dirname(join(dir, link)), { recursive: true });
    symlinkSync(target(o), join(dir, link));
    const result = checkContent(join(dir, 'content'), '2025-12-26', dir);
    expect(refusal(result.errors, 'symlink', link).message).toContain(`“${link.split('/').pop()}”是符号链接`);
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });
});

describe('encodings', () => {
  test.each([
    ['GBK (张三)', Buffer.from([0xd5, 0xc5, 0xc8, 0xfd])],
    ['Windows-1252 (Café)', Buffer.from([0x43, 0x61, 0x66, 0xe9])],
  ])('refuses a file saved as %s, saying to re-save it as UTF-8', (_, name) => {
    const bytes = Buffer.concat([Buffer.from('---\nname: '), name, Buffer.from('\norg: tuixiu\nstatus: retired\n---\n')]);
    const hit = refusal(errorsIn(project({ [MEMBER]: bytes })), 'encoding', MEMBER);
    expect(hit.message).toMatch(/不是 UTF-8 编码（第 2 行起.*另存为.*UTF-8/);
  });

  test('accepts UTF-8 with a byte-order mark (Windows Notepad)', () => {
    expect(errorsIn(project({ [MEMBER]: `\uFEFF${sample('members/bai-yulan.md')}` }))).toEqual([]);
  });
});

describe('control characters', () => {
  const bulletin = sample('bulletins/2025/zongzhi-q1.md');
  const pledge = sample('pledges/2025/bai-yulan-service.md');
  test.each([
    [
      'a raw BEL in a title',
      BULLETIN,
      bulletin.replace(/^title: (.*)$/m, 'title: $1\u0007'),
      'title',
      /「标题」第 \d+ 个字处含有不可见的控制字符（U\+0007）/,
    ],
    ['an escaped ESC in a title', BULLETIN, bulletin.replace(/^title: (.*)$/m, 'title: "$1\\e"'), 'title', /「标题」.*（U\+001B）/],
    [
      'a line break in a one-line field',
      BULLETIN,
      bulletin.replace(/^title: (.*)$/m, 'title: "第一行\\n第二行"'),
      'title',
      /「标题」只能写一行，不能换行/,
    ],
    [
      'a C1 control in a one-line field',
      MEMBER,
      sample('members/bai-yulan.md').replace(/^post: (.*)$/m, 'post: $1\u0085'),
      'post',
      /「工作岗位」.*（U\+0085）/,
    ],
    [
      'DEL in multi-line text',
      PLEDGE,
      pledge.replace('note: 确定帮扶学生6名', 'note: 确定帮扶\u007f学生6名'),
      'records[0].note',
      /「进展情况」.*（U\+007F）/,
    ],
    [
      'a control character in a reference',
      MEMBER,
      sample('members/bai-yulan.md').replace('org: tuixiu', 'org: "tuixiu\\x01"'),
      'org',
      /「所在支部」.*（U\+0001）/,
    ],
    ['a form feed in the body', BULLETIN, `${bulletin}下一段\u000c\n`, 'body', /正文第 \d+ 行含有不可见的控制字符（U\+000C）/],
    [
      'an escaped BEL in site.json',
      'content/site.json',
      sample('site.json').replace(/"name": "([^"]*)"/, '"name": "$1\\u0007"'),
      'name',
      /「党组织全称」.*（U\+0007）/,
    ],
  ])('refuses %s, naming the field', (_, file, text, field, message) => {
    const hit = refusal(errorsIn(project({ [file]: text })), 'control-char', file, field);
    expect(hit.message).toMatch(message);
  });

  test('accepts tabs and line breaks in multi-line text', () => {
    const text = pledge.replace(/note: 确定帮扶学生6名.*/, 'note: "确定帮扶\\t学生\\n6名"');
    expect(errorsIn(project({ [PLEDGE]: text }))).toEqual([]);
  });
});

describe('xmlText, the feed escaping', () => {
  // XML 1.0 Char production: what a well-formed document may hold.
  const xmlChar = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

  test('drops what XML 1.0 forbids and escapes markup, so a feed entry is well-formed whatever the title', () => {
    const title = '通报\u0000\u0007\u001b\u007f\u0085\ud800\ufffe <b>&"\'';
    const entry = `<entry><title>${xmlText(title)}</title></entry>`;
    expect(xmlText(title)).toBe('通报 &lt;b&gt;&amp;&quot;&apos;');
    expect(entry).toMatch(xmlChar);
  });

  test('keeps tabs, line breaks and characters outside the Basic Multilingual Plane', () => {
    expect(xmlText('甲\t乙\n丙𠀀')).toBe('甲\t乙\n丙𠀀');
  });
});

describe('the media folder (public/uploads)', () => {
  test.each([
    ['an SVG', 'public/uploads/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', /不是图片或 PDF/],
    ['an HTML page', 'public/uploads/page.html', '<!doctype html><script>alert(1)</script>', /不是图片或 PDF/],
    ['a PNG named .html', 'public/uploads/photo.html', PNG, /内容是 PNG 图片，但文件名的扩展名与内容不符/],
    ['HTML named .png', 'public/uploads/photo.png', '<html><script>alert(1)</script>', /不是图片或 PDF/],
    ['a file in a subfolder', 'public/uploads/2025/a.js', 'alert(1)', /不是图片或 PDF/],
  ])('refuses %s, naming the file', (_, file, data, message) => {
    const hit = refusal(errorsIn(project({ [file]: data })), 'media-type', file);
    expect(hit.message).toMatch(message);
  });

  test('refuses a link in the media folder, and the folder itself as a link', () => {
    const dir = project({ 'public/uploads/ok.png': PNG });
    symlinkSync('/etc/hostname', join(dir, 'public/uploads/host.png'));
    refusal(errorsIn(dir), 'symlink', 'public/uploads/host.png');
    const linked = project();
    mkdirSync(join(linked, 'public'));
    symlinkSync(join(dir, 'public/uploads'), join(linked, 'public/uploads'));
    refusal(errorsIn(linked), 'symlink', 'public/uploads');
  });

  test('accepts raster images and PDFs named for what they are, an empty .gitkeep, and no media folder at all', () => {
    const files = {
      'public/uploads/a.png': PNG,
      'public/uploads/b.JPG': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      'public/uploads/c.pdf': PDF,
      'public/uploads/.gitkeep': '',
    };
    expect(errorsIn(project(files))).toEqual([]);
    expect(errorsIn(project())).toEqual([]);
  });
});

describe('the build guard', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  test('stops astro build before anything is emitted when public/uploads holds an SVG', () => {
    const dir = project({ 'public/uploads/logo.svg': '<svg/>' });
    vi.stubEnv('CONTENT_DIR', join(dir, 'content'));
    vi.stubEnv('CMS_BACKEND', 'none');
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const hook = contentGuard().hooks['astro:config:setup'] as (o: unknown) => void;
    const logger = { info: vi.fn(), warn: vi.fn() };
    expect(() => hook({ command: 'build', config: { publicDir: pathToFileURL(`${join(dir, 'public')}/`) }, logger })).toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    const printed = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toContain('public/uploads/logo.svg');
    expect(printed).toContain('内容检查未通过，网站没有生成');
  });
});
