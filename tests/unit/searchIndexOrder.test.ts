/**
 * The search index does not depend on the order the file system lists the site in, nor on the order Pagefind
 * answers the pipelined adds (src/integrations/searchIndex.ts): a small site, written twice with its files
 * created in opposite orders (on tmpfs, where a folder lists in creation order), gives byte-identical pagefind/
 * folders; the index is the one the former one-page-at-a-time loop made; and the test has teeth, because the
 * same pages added in another order make another index.
 */
import { existsSync, mkdirSync, mkdtempSync, opendirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, test } from 'vitest';
import { htmlFiles, indexOptions, indexPages, indexSite, pageUrl, searched } from '../../src/integrations/searchIndex.ts';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const given = ['海燕', '建国', '丽华', '志强', '秀英', '文博', '晓明', '雪梅'];
const tasks = ['学习党的二十大精神', '走访困难学生家庭', '开展课后服务', '组织教研活动', '整改作业负担', '参加志愿服务'];

function page(body: string, opts: { marked: boolean; title: string }): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${opts.title}</title></head><body><header><a href="/">公开栏</a></header><main id="main"${opts.marked ? ' data-pagefind-body' : ''}>${body}</main></body></html>`;
}

/** The site's files: members and pledges marked for search, a home page, a list and a screen that are not. */
function siteFiles(): [string, string][] {
  const files: [string, string][] = [];
  for (let i = 0; i < 24; i++) {
    const name = `${surnames[i % surnames.length]}${given[(i * 3) % given.length]}`;
    const id = `m${i + 1}`;
    const mine = [0, 1].map((k) => tasks[(i + k * 2) % tasks.length]);
    files.push([
      `members/${id}/index.html`,
      page(`<h1>${name}的公开承诺书</h1><ul>${mine.map((t) => `<li>${t}</li>`).join('')}</ul><p>第${i + 1}支部 教师</p>`, {
        marked: true,
        title: name,
      }),
    ]);
    mine.forEach((task, k) => {
      files.push([
        `pledges/2026/${id}-${k + 1}/index.html`,
        page(
          `<p data-pagefind-meta="status:进行中"><a href="/members/${id}/" data-pagefind-meta="owner">${name}</a></p><h1>${task}</h1><p>${name}承诺在本学期${task}，每月记录一次，第${k + 1}项。</p>`,
          { marked: true, title: task },
        ),
      ]);
    });
  }
  files.push(['index.html', page('<h1>承诺践诺评诺公开栏</h1><p>全部承诺</p>', { marked: false, title: '公开栏' })]);
  files.push([
    'lists/all/index.html',
    page(`<table>${tasks.map((t) => `<tr><td>${t}</td></tr>`).join('')}</table>`, { marked: false, title: '所有公开承诺' }),
  ]);
  files.push(['screen/b1/index.html', page('<h1>第1支部</h1><p>完成率 80%</p>', { marked: false, title: '大屏' })]);
  return files;
}

const shm = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const made: string[] = [];

/** The site written into a fresh folder, its files (and so its folders) created in the given order. */
function writeSite(files: [string, string][]): string {
  const root = mkdtempSync(join(shm, 'search-order-'));
  made.push(root);
  for (const [rel, html] of files) {
    mkdirSync(join(root, 'site', rel, '..'), { recursive: true });
    writeFileSync(join(root, 'site', rel), html);
  }
  return join(root, 'site');
}

/** Every file under `dir`, relative, sorted. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

/** The folders' files that are only in one, or differ in any byte. */
function differences(a: string, b: string): string[] {
  const fa = walk(a);
  const fb = walk(b);
  const out = [...fa.filter((f) => !fb.includes(f)), ...fb.filter((f) => !fa.includes(f))];
  for (const f of fa.filter((x) => fb.includes(x))) if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) out.push(f);
  return out;
}

/** The folder's entries as the file system lists them (Node's readdir sorts; opendir does not). */
function listing(dir: string): string {
  const d = opendirSync(dir);
  const names: string[] = [];
  for (let e = d.readSync(); e; e = d.readSync()) names.push(e.name);
  d.closeSync();
  return names.join(' ');
}

/** The former indexSite: every HTML file, in htmlFiles order, each add awaited before the next is sent. */
async function oneAtATime(dir: string, outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex(indexOptions);
  if (!index) throw new Error('no index');
  for (const rel of htmlFiles(dir)) {
    const added = await index.addHTMLFile({ url: pageUrl(rel), content: readFileSync(join(dir, rel), 'utf8') });
    if (added.errors.length) throw new Error(added.errors.join('; '));
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(written.errors.join('; '));
  await pagefind.close();
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const files = siteFiles();
const marked = files.filter(([, html]) => html.includes('data-pagefind-body')).length;

describe('search index order', () => {
  const forward = writeSite(files);
  const backward = writeSite([...files].reverse());

  test('the two copies list their folders in different orders where the file system allows', () => {
    // Not a condition of the index's reproducibility, but of this test's reach: on tmpfs the copies list differently.
    if (!forward.startsWith('/dev/shm/')) return;
    expect(listing(join(forward, 'members'))).not.toBe(listing(join(backward, 'members')));
    expect(listing(join(forward, 'pledges', '2026'))).not.toBe(listing(join(backward, 'pledges', '2026')));
  });

  test('files created in opposite orders give byte-identical indexes of the marked pages only', async () => {
    expect(await indexSite(forward)).toBe(marked);
    expect(await indexSite(`${backward}/`)).toBe(marked);
    expect(walk(join(forward, 'pagefind')).length).toBeGreaterThan(marked);
    expect(differences(join(forward, 'pagefind'), join(backward, 'pagefind'))).toEqual([]);
    const entry = JSON.parse(readFileSync(join(forward, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages['zh-cn'].page_count).toBe(marked);
  });

  test('the pipelined adds make the index the one-at-a-time loop made', async () => {
    const out = join(forward, '..', 'one-at-a-time');
    await oneAtATime(forward, out);
    expect(differences(join(forward, 'pagefind'), out)).toEqual([]);
  });

  test('the same pages added in another order make another index (so the tests above could fail)', async () => {
    const out = join(forward, '..', 'reversed');
    expect(await indexPages(forward, htmlFiles(forward).reverse(), out)).toBe(marked);
    const differ = differences(join(forward, 'pagefind'), out);
    expect(differ.length).toBeGreaterThan(0);
    // Pagefind numbers the pages as they come: the word index and the metadata name them by number.
    expect(differ.some((f) => f.startsWith('index/'))).toBe(true);
  });
});

describe('searched', () => {
  test('marked pages are searched, others and the screens, lists and CMS are not, marked or not', () => {
    const html = '<main data-pagefind-body><h1>x</h1></main>';
    expect(searched('pledges/2026/m1-1/index.html', html)).toBe(true);
    expect(searched('members/m1/index.html', html)).toBe(true);
    expect(searched('orgs/b1/index.html', '<main><h1>x</h1></main>')).toBe(false);
    for (const rel of ['screen/b1/index.html', 'lists/all/index.html', 'admin/index.html']) expect(searched(rel, html), rel).toBe(false);
  });
});
