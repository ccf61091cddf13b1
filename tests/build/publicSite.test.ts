/**
 * The public site as built: scope (nothing internal in any emitted file),
 * sanitised Markdown, valid HTML, a base-path deploy, page weight and the
 * open-data files.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { halfWidthPunctuation } from '../../src/lib/halfWidthPunctuation.ts';
import { isApproved } from '../../src/lib/pledgeStatus.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';
import { buildSite, root, walk } from './buildSite.ts';
import { builtSite, variants, withAdmin } from './sites.ts';

const sample = checkContent(join(root, 'content'), '2000-01-01', root);
const model = sample.model!;
const asOf = sample.asOf!;
let dist = '';
let files: string[] = [];

/** The text of an emitted file; Pagefind's fragments and index are gzip. */
function textOf(rel: string): string {
  const buf = readFileSync(join(dist, rel));
  if (buf[0] === 0x1f && buf[1] === 0x8b) return gunzipSync(buf).toString('utf8');
  return buf.toString('utf8');
}

beforeAll(() => {
  // The run's shared build of the sample with a real CMS backend (over https, as the admin's login requires), so
  // the admin's own files are built and scanned too; tests/e2e/csp.test.ts serves the same build.
  const r = builtSite(variants.sampleAdmin);
  expect(r.code, r.out).toBe(0);
  dist = r.outDir;
  files = walk(dist);
});

describe('the public scope', () => {
  test('no emitted file carries internal text: reviews, evaluations, review notes, internal bulletins', () => {
    const secrets = new Set<string>();
    for (const r of model.reviews) [r.data.achievements, r.data.problems, r.data.direction].forEach((s) => secrets.add(s));
    for (const e of model.evaluations) {
      if (e.body?.trim()) secrets.add(e.body.trim().slice(0, 20));
      for (const m of e.data.members) [m.self?.summary, m.leader?.comment, m.final?.reason].forEach((s) => s && secrets.add(s));
    }
    for (const p of model.pledges) if (p.data.review.note) secrets.add(p.data.review.note);
    for (const b of model.bulletins.filter((x) => x.data.visibility === 'internal')) secrets.add(b.data.title);
    expect(secrets.size).toBeGreaterThan(20);
    const textFiles = files.filter((f) => !/\.(png|jpg|ico|wasm)$/.test(f) && !f.endsWith('pagefind.js'));
    expect(textFiles.some((f) => f.startsWith('pagefind/fragment/'))).toBe(true);
    const leaks: string[] = [];
    for (const f of textFiles) {
      const text = textOf(f);
      for (const s of secrets) if (text.includes(s)) leaks.push(`${f}: ${s}`);
    }
    expect(leaks).toEqual([]);
  });

  test('only approved pledges have pages and open data', () => {
    const approved = model.pledges
      .filter((p) => p.round === model.site.data.currentRound && isApproved(p.data, asOf))
      .map((p) => p.id)
      .sort();
    const pages = files
      .filter((f) => f.startsWith('pledges/'))
      .map((f) => f.replace(/^pledges\/(.*)\/index\.html$/, '$1'))
      .sort();
    expect(pages).toEqual(approved);
    const json = JSON.parse(textOf('data/pledges.json')) as { pledges: { id: string }[] };
    expect(json.pledges.map((p) => p.id).sort()).toEqual(approved);
    const hidden = model.pledges.filter((p) => !approved.includes(p.id)).map((p) => p.id);
    expect(hidden.length).toBeGreaterThan(3);
    const everything = files
      .filter((f) => /\.(html|json|csv|xml)$/.test(f))
      .map(textOf)
      .join('\n');
    for (const id of hidden) expect(everything).not.toContain(`pledges/${id}/`);
  });

  test('the CSV opens in Excel: UTF-8 with BOM, one row per published pledge', () => {
    const csv = readFileSync(join(dist, 'data/pledges.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('承诺人');
    const json = JSON.parse(textOf('data/pledges.json')) as { pledges: unknown[] };
    // Quoted cells may hold line breaks, so count rows by the ids that begin them.
    expect(text.match(/\r\n2025\//g)?.length).toBe(json.pledges.length);
  });

  test('the Atom feed lists bulletins and check-offs, and the sitemap every member', () => {
    const feed = textOf('feed.xml');
    expect(feed.startsWith('<?xml')).toBe(true);
    const bulletins = model.bulletins.filter((b) => (b.data.visibility ?? 'public') === 'public');
    const closed = model.pledges.filter((p) => p.data.closed?.date && p.data.closed.date <= asOf && isApproved(p.data, asOf));
    expect(feed.match(/<entry>/g)?.length).toBe(bulletins.length + closed.length);
    const sitemap = textOf('sitemap.xml');
    for (const m of model.members) expect(sitemap).toContain(`/members/${m.id}/</loc>`);
  });
});

describe('the search index', () => {
  /** Pagefind's fragments: gzip of "pagefind_dcd" + JSON, its text's words joined by zero-width spaces. */
  function fragments(): { url: string; content: string }[] {
    return files
      .filter((f) => f.startsWith('pagefind/fragment/'))
      .map((f) => {
        const frag = JSON.parse(textOf(f).replace(/^pagefind_dcd/, '')) as { url: string; content: string };
        return { url: frag.url, content: frag.content.replace(/\u200b/g, '').replace(/\s+/g, '') };
      });
  }

  test('indexes what a reader looks for (names, orgs, posts, the pledge) and not what every page says', () => {
    const frags = fragments();
    const round = model.rounds.find((r) => r.id === model.site.data.currentRound)!.data.title.replace(/\s+/g, '');
    const letters = frags.filter((f) => f.url.startsWith('/members/'));
    const pledges = frags.filter((f) => f.url.startsWith('/pledges/'));
    expect(letters.length).toBe(model.members.length);
    expect(pledges.length).toBeGreaterThan(20);
    for (const m of model.members) {
      const letter = letters.find((f) => f.url === `/members/${m.id}/`)!;
      expect(letter.content).toContain(m.data.name);
      if (m.data.post) expect(letter.content).toContain(m.data.post.replace(/\s+/g, ''));
    }
    // The round's title, the letter's heading, its labels and its signature line are on every page: not indexed.
    const boilerplate = [round, '公开承诺书', '所在组织', '欢迎监督', '践诺措施'];
    const found = [...letters, ...pledges].flatMap((f) => boilerplate.filter((b) => f.content.includes(b)).map((b) => `${f.url}: ${b}`));
    expect(found).toEqual([]);
    const p = model.pledges.find((x) => pledges.some((f) => f.url === `/pledges/${x.id}/`))!;
    expect(pledges.find((f) => f.url === `/pledges/${p.id}/`)!.content).toContain(p.data.title.replace(/\s+/g, ''));
  });
});

describe('Markdown from the CMS', () => {
  test('a script, an event handler, a javascript: link or an iframe typed into a pledge never reaches the HTML as live markup', () => {
    const evil =
      '认真备课。<script>alert("x1")</script>\n\n<img src="x.png" onerror="alert(\'x2\')">\n\n[点我](javascript:alert(\'x3\'))\n\n<iframe src="http://example.com/x4"></iframe>\n\n<a href="#" onclick="alert(\'x5\')">链接</a>';
    const content = tinyContent({
      'pledges/2026/li-work.md': tinyFiles['pledges/2026/li-work.md'].replace('认真备课,上好每一节课。', evil),
    });
    const r = buildSite({ contentDir: content });
    expect(r.code, r.out).toBe(0);
    const html = readFileSync(join(r.outDir, 'pledges/2026/li-work/index.html'), 'utf8');
    expect(html).toContain('认真备课');
    expect(html).not.toMatch(/<script[^>]*>[^<]*alert/);
    expect(html).not.toMatch(/\son(error|click)=/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<iframe/i);
    const member = readFileSync(join(r.outDir, 'members/li/index.html'), 'utf8');
    expect(member).not.toMatch(/<script[^>]*>[^<]*alert|\son(error|click)=|<iframe|href="javascript:/i);
  });
});

const pageTypes = {
  home: 'index.html',
  org: 'orgs/jiaoshi-yi/index.html',
  member: 'members/chen-hui/index.html',
  pledge: 'pledges/2025/chen-hui-study/index.html',
  bulletins: 'bulletins/index.html',
  bulletin: 'bulletins/2025/zongzhi-h1/index.html',
  stats: 'stats/index.html',
  about: 'about/index.html',
  search: 'search/index.html',
  notFound: '404.html',
};

describe('HTML', () => {
  test.each(Object.entries(pageTypes))('the %s page is valid HTML (html-validate)', async (_, rel) => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {
        // Bars and chart boxes set their size from data with a style attribute.
        'no-inline-style': 'off',
        // Chinese text uses full-width punctuation, which this rule mistakes for raw characters.
        'no-raw-characters': 'off',
      },
    });
    const report = await validator.validateString(readFileSync(join(dist, rel), 'utf8'), rel);
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`));
    expect(messages).toEqual([]);
  });
});

/**
 * What a reader sees of a page: its text without scripts, styles and comments; inline elements are dropped so that
 * their text joins its neighbours (“<strong>公开承诺</strong>,年中” is one run), any other tag breaks the text.
 */
function visibleText(html: string): string {
  const inline = /^(a|abbr|b|bdi|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)$/i;
  return html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, '\n')
    .replace(/<!--[\s\S]*?-->/g, '\n')
    .replace(/<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi, (_, tag: string) => (inline.test(tag) ? '' : '\n'))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('Chinese typography', () => {
  test('every built page: no half-width , : ; ( ) next to Chinese in the text a reader sees', () => {
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    expect(visibleText('<p>总体<strong>完成率</strong>:<script>a(1)</script> 50%</p>')).toBe('\n总体完成率:\n 50%\n');
    const hits: string[] = [];
    for (const f of pages) {
      const text = visibleText(textOf(f));
      for (const h of halfWidthPunctuation(text)) hits.push(`${f}: ${h.snippet.replace(/\s+/g, ' ')}`);
    }
    expect(hits).toEqual([]);
  });
});

describe('page weight (gzip, all same-origin resources of a page)', () => {
  function weight(rel: string): number {
    const html = readFileSync(join(dist, rel));
    const seen = new Set<string>();
    const queue: string[] = [];
    const text = html.toString('utf8');
    for (const m of text.matchAll(/(?:href|src)="(\/[^"#?]*)"/g)) {
      if (/\.(css|js|svg|png|woff2?)$/.test(m[1])) queue.push(m[1]);
    }
    let total = gzipSync(html).length;
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const path = join(dist, url);
      if (!existsSync(path)) continue;
      const buf = readFileSync(path);
      total += gzipSync(buf).length;
      if (url.endsWith('.js'))
        for (const m of buf.toString('utf8').matchAll(/from\s*"(\.\/[^"]+)"|import\("(\.\/[^"]+)"\)/g))
          queue.push(url.replace(/[^/]+$/, '') + (m[1] ?? m[2]).slice(2));
    }
    return total;
  }

  test.each(Object.entries(pageTypes))('the %s page stays within its budget', (name, rel) => {
    const kib = weight(rel) / 1024;
    const chart = readFileSync(join(dist, rel), 'utf8').includes('data-chart');
    console.log(`page weight ${name}: ${kib.toFixed(1)} KiB gzip${chart ? ' (chart page)' : ''}`);
    expect(kib).toBeLessThanOrEqual(chart ? 120 : 60);
  });
});

describe('a LAN path deploy (base /gongkai/)', () => {
  test('every link and asset of every page resolves under the base path', () => {
    // https: the admin's login (PKCE) is refused on plain http anywhere but localhost.
    const r = buildSite({ base: '/gongkai/', site: 'https://10.0.0.5', env: withAdmin });
    expect(r.code, r.out).toBe(0);
    const all = walk(r.outDir);
    const broken: string[] = [];
    for (const f of all.filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(join(r.outDir, f), 'utf8');
      for (const m of html.matchAll(/(?:href|src|data-pagefind)="([^"]+)"/g)) {
        if (/^(https?:|mailto:|tel:|#|data:)/.test(m[1])) continue;
        // Relative URLs (the admin bundle uses them so it works under any base) resolve against the page.
        const url = m[1].startsWith('/') ? m[1] : new URL(m[1], `http://x/gongkai/${f.replace(/index\.html$/, '')}`).pathname;
        if (!url.startsWith('/gongkai/')) {
          broken.push(`${f}: ${url} (outside the base)`);
          continue;
        }
        const path = decodeURI(url.slice('/gongkai/'.length).split(/[?#]/)[0]);
        const target = path === '' || path.endsWith('/') ? `${path}index.html` : path;
        if (!existsSync(join(r.outDir, target))) broken.push(`${f}: ${url}`);
      }
    }
    expect(broken).toEqual([]);
    const sitemap = readFileSync(join(r.outDir, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://10.0.0.5/gongkai/members/chen-hui/</loc>');
    // The admin is copied as built, never rebuilt by the site build, and its config is generated beside it without the local backend.
    expect(existsSync(join(r.outDir, 'admin/index.html'))).toBe(true);
    const config = readFileSync(join(r.outDir, 'admin/config.yml'), 'utf8');
    expect(config).toContain('locale: zh_Hans');
    expect(config).not.toContain('local_backend');
    expect(config).toMatch(/^ {2}name: forgejo$/m);
    expect(config).toMatch(/^ {2}api_root: https:\/\/git\.school\.example\/api\/v1$/m);
    expect(config).toMatch(/^publish_mode: editorial_workflow$/m);
  });
});
