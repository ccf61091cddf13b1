/**
 * Builds the real site with `astro build`: the sample builds (the run's shared build) and its numbers
 * come from src/lib; a tree with errors stops the build with the very
 * messages `npm run check` prints, and leaves the published output alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { completionRate } from '../../src/lib/completionRates.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';
import { buildSite, root } from './buildSite.ts';
import { builtSite, variants } from './sites.ts';

function build(outDir: string, contentDir?: string) {
  return buildSite({ outDir, contentDir });
}

function check(contentDir: string) {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/check.ts', '--content', contentDir], { cwd: root, encoding: 'utf8' });
  return r.stdout;
}

describe('astro build', () => {
  test('builds the sample, and the page shows the rate src/lib computes', () => {
    // The run's shared build of the sample (tests/build/sites.ts), which siteAddress.test.ts reads too.
    const r = builtSite(variants.sample);
    const out = r.outDir;
    expect(r.code, r.out).toBe(0);
    // Built with CMS_BACKEND=none (tests/build/buildSite.ts): the board alone, no admin at all.
    expect(existsSync(join(out, 'admin'))).toBe(false);
    // …and no admin work in the build: no bundle checked or made, the admin's two generated files not rendered.
    expect(r.out).toContain('CMS_BACKEND=none：网站不带内容管理后台，不打包后台程序。');
    expect(r.out).not.toMatch(/正在打包内容管理后台|后台程序没有变化/);
    expect(r.out).not.toMatch(/\/admin\/(config\.yml|names\.json)/);
    // No page hydrates a React component, so the build ships no React client renderer (astro.config.mjs staticReact).
    expect(readdirSync(join(out, '_astro')).filter((f) => /^client\..*\.js$/.test(f))).toEqual([]);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toMatch(/<html lang="zh-CN"[ >]/);

    const result = checkContent(join(root, 'content'), '2000-01-01', root);
    const idx = indexContent(result.model!);
    const rate = completionRate(idx.roundPledges, result.asOf!);
    const pct = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(rate.rate!);
    expect(html).toMatch(new RegExp(`data-testid="overall-rate"[^>]*>${pct}<`));
    expect(html).toMatch(new RegExp(`data-testid="published"[^>]*>${rate.total}<`));
  });

  test('accepts Windows Notepad files and ignores OS junk', () => {
    const crlf = (s: string) => `\uFEFF${s.replace(/\n/g, '\r\n')}`;
    const content = tinyContent({
      'pledges/2026/li-work.md': crlf(tinyFiles['pledges/2026/li-work.md']),
      'members/li.md': crlf(tinyFiles['members/li.md']),
      'site.json': crlf(tinyFiles['site.json']),
      'members/.DS_Store': Buffer.from([0, 0, 0, 1]),
      'members/Thumbs.db': Buffer.from([0xd0, 0xcf]),
      'members/._li.md': Buffer.from([0, 5, 22, 7]),
    });
    const out = mkdtempSync(join(tmpdir(), 'dist-'));
    const r = build(out, content);
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/data-testid="published"[^>]*>1</);
    expect(readFileSync(join(out, 'pledges/2026/li-work/index.html'), 'utf8')).toContain('上好公开课');
  });

  test('stops on a content error with the same messages as npm run check, and keeps what was published', () => {
    const content = tinyContent({
      'pledges/2026/li-work.md': tinyFiles['pledges/2026/li-work.md']
        .replace('progress: 10', 'progress: 150')
        .replace('owner: li', 'owner: wang'),
      'members/li.md': '---\nname: 李明\norg: b1\nstatus: working\n---\n',
    });
    const out = mkdtempSync(join(tmpdir(), 'dist-'));
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'index.html'), 'published before');

    const r = build(out, content);

    expect(r.code).toBe(1);
    const expected = check(content)
      .trim()
      .split('\n')
      .filter((l) => l.trim());
    expect(expected.length).toBeGreaterThan(3);
    for (const line of expected) expect(r.out).toContain(line);
    expect(r.out).not.toMatch(/Stack trace|at .*\.(ts|js):\d+/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('published before');
    expect(existsSync(join(out, '_astro'))).toBe(false);
  });

  test('stops on incomplete CMS backend settings with a Chinese message, before writing anything', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-'));
    writeFileSync(join(out, 'index.html'), 'published before');
    const r = buildSite({
      outDir: out,
      env: { CMS_BACKEND: 'gitea', CMS_REPO: 'dangzongzhi/gongkai', CMS_BASE_URL: 'http://git.school.lan' },
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('使用 gitea 时必须设置 CMS_APP_ID');
    expect(r.out).toContain('CMS_BASE_URL 必须是 https 网址（现在是 http://git.school.lan）');
    expect(r.out).not.toMatch(/Stack trace|at .*\.(ts|js):\d+/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('published before');
  });

  test('stops when no CMS backend is named, naming the choices, before writing anything', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-'));
    writeFileSync(join(out, 'index.html'), 'published before');
    const r = buildSite({ outDir: out, env: { CMS_BACKEND: '' } });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/必须设置 CMS_BACKEND.*forgejo（.*gitea（.*gitlab（.*none（/);
    expect(r.out).not.toContain('git-gateway');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('published before');
  });
});
