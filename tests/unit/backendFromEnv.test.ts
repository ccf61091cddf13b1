import { describe, expect, test } from 'vitest';
import { backendChoices, backendFromEnv, localPublishMode } from '../../src/cms/backendFromEnv.ts';

/** A complete campus-LAN setting, over https. */
const lan = {
  CMS_REPO: 'dangzongzhi/gongkai',
  CMS_BASE_URL: 'https://git.school.lan/',
  CMS_APP_ID: 'abc',
  SITE: 'https://board.school.lan',
};

describe('backendFromEnv', () => {
  test('builds a Forgejo backend with the review workflow, the API root derived from the base URL', () => {
    expect(backendFromEnv({ CMS_BACKEND: 'forgejo', ...lan })).toEqual({
      backend: {
        name: 'forgejo',
        repo: 'dangzongzhi/gongkai',
        branch: 'main',
        base_url: 'https://git.school.lan',
        api_root: 'https://git.school.lan/api/v1',
        app_id: 'abc',
      },
      publishMode: 'editorial_workflow',
      problems: [],
      errors: [],
    });
  });

  test('builds a Gitea backend with simple publishing, since Decap’s Gitea backend refuses the workflow', () => {
    expect(backendFromEnv({ CMS_BACKEND: 'gitea', ...lan, CMS_BRANCH: 'publish' })).toEqual({
      backend: {
        name: 'gitea',
        repo: 'dangzongzhi/gongkai',
        branch: 'publish',
        base_url: 'https://git.school.lan',
        api_root: 'https://git.school.lan/api/v1',
        app_id: 'abc',
      },
      publishMode: 'simple',
      problems: [],
      errors: [],
    });
  });

  test('builds a self-hosted GitLab backend with PKCE, the API root derived from the base URL', () => {
    expect(backendFromEnv({ CMS_BACKEND: 'gitlab', ...lan, CMS_BASE_URL: 'https://gitlab.school.lan' })).toEqual({
      backend: {
        name: 'gitlab',
        repo: 'dangzongzhi/gongkai',
        branch: 'main',
        base_url: 'https://gitlab.school.lan',
        api_root: 'https://gitlab.school.lan/api/v4',
        app_id: 'abc',
        auth_type: 'pkce',
      },
      publishMode: 'editorial_workflow',
      problems: [],
      errors: [],
    });
  });

  test('leaves GitLab’s base URL and API root to Decap (gitlab.com) when no base URL is given', () => {
    const { CMS_BASE_URL: _base, ...rest } = lan;
    expect(backendFromEnv({ CMS_BACKEND: 'gitlab', ...rest }).backend).toEqual({
      name: 'gitlab',
      repo: 'dangzongzhi/gongkai',
      branch: 'main',
      app_id: 'abc',
      auth_type: 'pkce',
    });
  });

  test('keeps an explicit API root', () => {
    expect(backendFromEnv({ CMS_BACKEND: 'gitea', ...lan, CMS_API_ROOT: 'https://api.school.lan/v1' }).backend?.api_root).toBe(
      'https://api.school.lan/v1',
    );
  });

  test('allows plain http on this computer only (localhost, 127.0.0.1)', () => {
    const r = backendFromEnv({ CMS_BACKEND: 'forgejo', ...lan, CMS_BASE_URL: 'http://127.0.0.1:3000', SITE: 'http://localhost:4321' });
    expect(r.errors).toEqual([]);
    expect(r.backend?.api_root).toBe('http://127.0.0.1:3000/api/v1');
  });

  test('CMS_BACKEND=none builds no admin and needs nothing else', () => {
    expect(backendFromEnv({ CMS_BACKEND: 'none' })).toEqual({ none: true, problems: [], errors: [] });
  });

  test('refuses a production build with no CMS_BACKEND, naming every choice', () => {
    for (const env of [{}, { CMS_BACKEND: '  ' }]) {
      const r = backendFromEnv(env);
      expect(r.backend).toBeUndefined();
      expect(r.none).toBeUndefined();
      expect(r.problems.map((p) => [p.variable, p.rule])).toEqual([['CMS_BACKEND', 'missing']]);
      for (const choice of backendChoices) expect(r.errors[0]).toContain(choice);
      expect(r.errors[0]).toContain('必须设置 CMS_BACKEND');
    }
  });

  test.each([
    ['forgejo', {}, 'CMS_REPO', 'missing', /使用 forgejo 时必须设置 CMS_REPO（内容仓库/],
    ['forgejo', {}, 'CMS_BASE_URL', 'missing', /使用 forgejo 时必须设置 CMS_BASE_URL（校园网 Forgejo 的网址/],
    [
      'forgejo',
      {},
      'CMS_APP_ID',
      'missing',
      /使用 forgejo 时必须设置 CMS_APP_ID（在 Forgejo 中建立的公开（非机密）OAuth 应用的客户端 ID）/,
    ],
    ['forgejo', {}, 'SITE', 'missing', /使用 forgejo 时必须设置 SITE（公开栏的 https 网址/],
    ['gitea', {}, 'CMS_BASE_URL', 'missing', /使用 gitea 时必须设置 CMS_BASE_URL/],
    ['gitea', {}, 'CMS_APP_ID', 'missing', /使用 gitea 时必须设置 CMS_APP_ID/],
    ['gitlab', {}, 'CMS_APP_ID', 'missing', /使用 gitlab 时必须设置 CMS_APP_ID（在 GitLab 中建立/],
    ['gitea', { CMS_REPO: 'not a repo' }, 'CMS_REPO', 'invalid', /CMS_REPO“not a repo”应写成 所有者\/仓库名/],
    ['gitea', { CMS_BASE_URL: 'git.school.lan' }, 'CMS_BASE_URL', 'invalid', /CMS_BASE_URL“git.school.lan”不是完整的网址/],
    [
      'forgejo',
      { CMS_BASE_URL: 'http://git.school.lan' },
      'CMS_BASE_URL',
      'insecure',
      /CMS_BASE_URL 必须是 https 网址（现在是 http:\/\/git.school.lan）：.*浏览器在普通 http 网址上拒绝这种登录/,
    ],
    [
      'gitea',
      { SITE: 'http://10.0.0.5' },
      'SITE',
      'insecure',
      /SITE 必须是 https 网址（现在是 http:\/\/10.0.0.5）：后台在公开栏网址下用 Gitea 的 PKCE 方式登录，浏览器在普通 http 网址上拒绝这种登录/,
    ],
    ['gitlab', { CMS_BASE_URL: 'http://gitlab.school.lan' }, 'CMS_BASE_URL', 'insecure', /CMS_BASE_URL 必须是 https 网址/],
    ['gitlab', { CMS_API_ROOT: 'http://gitlab.school.lan/api/v4' }, 'CMS_API_ROOT', 'insecure', /CMS_API_ROOT 必须是 https 网址/],
    [
      'forgejo',
      { CMS_API_ROOT: 'https://other.school.lan/api/v1' },
      'CMS_API_ROOT',
      'invalid',
      /Forgejo 后台从 CMS_API_ROOT 去掉 \/api\/v1 得到登录地址/,
    ],
  ] as const)('%s: %j is reported on %s (%s), in Chinese', (name, change, variable, rule, message) => {
    const base: Record<string, string> = { ...lan };
    // An empty object stands for "this variable left out".
    if (!Object.keys(change).length) delete base[variable];
    const r = backendFromEnv({ CMS_BACKEND: name, ...base, ...change });
    expect(r.backend).toBeUndefined();
    expect(r.problems).toEqual([{ variable, rule, message: expect.stringMatching(message) }]);
    expect(r.errors).toEqual(r.problems.map((p) => p.message));
  });

  test.each(['svn', 'github', 'git-gateway'])('refuses CMS_BACKEND=%s and names the choices', (name) => {
    const r = backendFromEnv({ CMS_BACKEND: name, ...lan });
    expect(r.problems.map((p) => [p.variable, p.rule])).toEqual([['CMS_BACKEND', 'unknown']]);
    expect(r.errors[0]).toMatch(new RegExp(`CMS_BACKEND 的值“${name}”不认识。.*可选：forgejo（.*gitea（.*gitlab（.*none（`));
  });

  test('says why GitHub is not offered', () => {
    expect(backendFromEnv({ CMS_BACKEND: 'github' }).errors[0]).toContain('OAuth 服务器和互联网');
  });

  test('every message uses full-width punctuation between Chinese characters', () => {
    const all = [
      {},
      { CMS_BACKEND: 'svn' },
      { CMS_BACKEND: 'forgejo' },
      { CMS_BACKEND: 'gitea', CMS_BASE_URL: 'http://g.lan', SITE: 'http://10.0.0.5', CMS_REPO: 'x' },
    ].flatMap((env) => backendFromEnv(env).errors);
    expect(all.length).toBeGreaterThan(6);
    for (const m of all) expect(m, m).not.toMatch(/[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]/);
  });
});

describe('localPublishMode', () => {
  test.each([
    [{}, 'editorial_workflow'],
    [{ CMS_PUBLISH_MODE: 'simple' }, 'simple'],
    [{ CMS_PUBLISH_MODE: ' editorial_workflow ' }, 'editorial_workflow'],
  ])('%j gives %s', (env, mode) => {
    expect(localPublishMode(env)).toEqual({ publishMode: mode, errors: [] });
  });

  test('refuses an unknown mode and names both', () => {
    const r = localPublishMode({ CMS_PUBLISH_MODE: 'git' });
    expect(r.publishMode).toBeUndefined();
    expect(r.errors).toEqual([expect.stringMatching(/CMS_PUBLISH_MODE 的值“git”不认识，可选：simple（.*editorial_workflow（/)]);
  });
});
