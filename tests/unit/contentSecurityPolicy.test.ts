/** The board's and the admin's Content-Security-Policy strings, and writing one into a page. */
import { describe, expect, test } from 'vitest';
import { backendFromEnv } from '../../src/cms/backendFromEnv.ts';
import { adminPolicy, gitHostsOf, serializePolicy, sitePolicy, withPolicy } from '../../src/lib/contentSecurityPolicy.ts';

/** A policy string back into directive → sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

const policies = [
  ['the public pages', sitePolicy()],
  ['the public pages in astro dev', sitePolicy({ dev: true })],
  ['the admin', adminPolicy()],
  ['the admin with a git host', adminPolicy(['https://git.school.lan'])],
];

describe.each(policies)('the policy of %s', (_name, policy) => {
  const d = parse(policy);

  test('loads scripts from the site only and never runs inline script', () => {
    expect(d.get('script-src')?.[0]).toBe("'self'");
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(d.get('script-src')?.some((s) => s === '*' || s.endsWith(':') || s.startsWith('http'))).toBe(false);
  });

  test('allows no plugins, no foreign <base> and no form posted elsewhere', () => {
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
  });

  test('names no directive twice and none a <meta> policy ignores', () => {
    const names = policy.split(';').map((s) => s.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
    for (const ignored of ['frame-ancestors', 'report-uri', 'sandbox']) expect(names).not.toContain(ignored);
  });
});

describe('sitePolicy', () => {
  test('writes at least the agreed directives', () => {
    const policy = sitePolicy();
    for (const part of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
    ]) {
      expect(policy).toContain(part);
    }
  });

  test('runs no eval: the public pages have no use for it', () => {
    expect(parse(sitePolicy()).get('script-src')).toEqual(["'self'"]);
  });

  test('refuses <style> elements in the built site, not in astro dev (which injects its stylesheets as <style>)', () => {
    expect(parse(sitePolicy()).get('style-src-elem')).toEqual(["'self'"]);
    expect(parse(sitePolicy({ dev: true })).has('style-src-elem')).toBe(false);
  });
});

describe('adminPolicy', () => {
  test('without a git host connects to the site only (astro dev reaches decap-server through /api/v1)', () => {
    expect(parse(adminPolicy()).get('connect-src')).toEqual(["'self'"]);
  });

  test('connects to and shows images from the configured git host', () => {
    const d = parse(adminPolicy(['https://git.school.lan']));
    expect(d.get('connect-src')).toEqual(["'self'", 'https://git.school.lan']);
    expect(d.get('img-src')).toContain('https://git.school.lan');
  });

  test('allows eval for Decap’s config check (ajv) and inline styles for its emotion styles, nothing more', () => {
    const d = parse(adminPolicy());
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-eval'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe('gitHostsOf', () => {
  test.each([
    [
      'a Gitea with its API on the same server',
      { name: 'gitea', base_url: 'https://git.school.lan', api_root: 'https://git.school.lan/api/v1' },
      ['https://git.school.lan'],
    ],
    [
      'an API on another port',
      { name: 'forgejo', base_url: 'https://git.school.lan', api_root: 'https://git.school.lan:3443/api/v1' },
      ['https://git.school.lan:3443', 'https://git.school.lan'],
    ],
    [
      'a GitLab named by its API only (Decap logs in at gitlab.com)',
      { name: 'gitlab', api_root: 'https://gitlab.school.lan/api/v4' },
      ['https://gitlab.school.lan', 'https://gitlab.com'],
    ],
    ['a GitLab named by nothing', { name: 'gitlab' }, ['https://gitlab.com']],
    ['no backend (CMS_BACKEND=none)', undefined, []],
    ['a value that is not a URL', { name: 'gitea', base_url: 'git.school.lan', api_root: 'javascript:alert(1)' }, []],
  ])('%s', (_case, backend, hosts) => {
    expect(gitHostsOf(backend)).toEqual(hosts);
  });

  test('reads the git host configured for a production build (CMS_BACKEND, CMS_BASE_URL)', () => {
    const { backend } = backendFromEnv({
      CMS_BACKEND: 'forgejo',
      CMS_REPO: 'dangzongzhi/gongkai',
      CMS_BASE_URL: 'https://git.school.lan',
      CMS_APP_ID: 'client-id',
      SITE: 'https://board.school.lan',
    });
    expect(backend, 'a complete forgejo setting').toBeDefined();
    expect(parse(adminPolicy(gitHostsOf(backend))).get('connect-src')).toEqual(["'self'", 'https://git.school.lan']);
  });
});

describe('withPolicy', () => {
  const page = '<!doctype html><html><head>\n    <meta charset="utf-8" />\n    <title>后台</title></head><body></body></html>';

  test('puts the meta right after <meta charset>, before anything it must cover', () => {
    const out = withPolicy(page, "script-src 'self'");
    expect(out).toMatch(/<meta charset="utf-8" \/>\s*<meta http-equiv="Content-Security-Policy" content="script-src 'self'" \/>\s*<title>/);
  });

  test('replaces a meta that is there, leaving one', () => {
    const out = withPolicy(withPolicy(page, "connect-src 'self'"), "connect-src 'self' https://git.school.lan");
    expect(out.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(out).toContain('content="connect-src \'self\' https://git.school.lan"');
  });

  test('escapes what would end the attribute', () => {
    expect(withPolicy(page, 'img-src "x" &')).toContain('content="img-src &quot;x&quot; &amp;"');
  });
});

describe('serializePolicy', () => {
  test('writes directives in order, sources separated by spaces', () => {
    expect(serializePolicy({ 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'] })).toBe("default-src 'self'; img-src 'self' data:");
  });
});
