/**
 * The board's own address. A build that knows none (no SITE, no site.json `url`) warns in Chinese and emits no
 * file that names localhost: no QR codes, an empty sitemap, site-relative links in the feed and open data. The
 * address a secretary writes in site.json (`url`, editable in the CMS) is used by every build, path included.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, root, walk, type BuildResult } from './buildSite.ts';
import { builtSite, variants } from './sites.ts';

const qrLabel = '扫码查看本承诺书的最新进展';
let bare: BuildResult;
let addressed: BuildResult;

function text(dir: string, rel: string): string {
  const buf = readFileSync(join(dir, rel));
  return (buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf).toString('utf8');
}

beforeAll(() => {
  // The run's shared build of the sample, which has no url in site.json (tests/build/sites.ts).
  bare = builtSite(variants.sample);
  const dir = mkdtempSync(join(tmpdir(), 'address-'));
  cpSync(join(root, 'content'), dir, { recursive: true });
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify({ ...site, url: 'http://10.0.0.5/gongkai/' }, null, 2));
  addressed = buildSite({ contentDir: dir, env: { SITE: '' } });
}, 900_000);

describe('a build without the board’s address', () => {
  test('succeeds and warns in Chinese, saying what is left out and where to write the address', () => {
    expect(bare.code, bare.out).toBe(0);
    expect(bare.out).toContain('没有设置公开栏网址（site.json 的 url');
  });

  test('emits no file that mentions localhost', () => {
    const named = walk(bare.outDir).filter(
      (f) => /\.(html|xml|json|csv|txt|js|css|webmanifest|pf_meta|pf_fragment|pf_index)$/.test(f) || f.includes('pagefind/'),
    );
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((f) => /localhost|127\.0\.0\.1/.test(text(bare.outDir, f)))).toEqual([]);
  });

  test('prints the 公开承诺书 without a QR code, lists nothing in the sitemap and names no sitemap in robots.txt', () => {
    const letter = text(bare.outDir, 'members/chen-hui/index.html');
    expect(letter).toContain('公开承诺书');
    expect(letter).not.toContain(qrLabel);
    expect(text(bare.outDir, 'sitemap.xml')).not.toContain('<url>');
    expect(text(bare.outDir, 'robots.txt')).not.toContain('Sitemap');
    expect(text(bare.outDir, 'feed.xml')).toContain('href="/bulletins/');
  });
});

describe('a build with site.json’s url', () => {
  test('puts a QR code on the letter and absolute addresses, under the url’s path, in the sitemap and feed', () => {
    expect(addressed.code, addressed.out).toBe(0);
    expect(addressed.out).not.toContain('没有设置公开栏网址');
    expect(text(addressed.outDir, 'members/chen-hui/index.html')).toContain(qrLabel);
    expect(text(addressed.outDir, 'sitemap.xml')).toContain('<loc>http://10.0.0.5/gongkai/members/chen-hui/</loc>');
    expect(text(addressed.outDir, 'robots.txt')).toContain('Sitemap: http://10.0.0.5/gongkai/sitemap.xml');
    expect(text(addressed.outDir, 'index.html')).toContain('href="/gongkai/stats/"');
  });
});
