/**
 * The Decap backend of a production build, from the environment at build
 * time; and the publish mode of the local backend (decap-server) in
 * `astro dev`. A production build must name its backend: there is no silent
 * default. Every problem is reported in Chinese and stops the build
 * (src/integrations/contentGuard.ts).
 *
 *   CMS_BACKEND   forgejo | gitea | gitlab | none (no admin at all)
 *   CMS_REPO      owner/name of the content repository
 *   CMS_BRANCH    branch to publish to (default main)
 *   CMS_BASE_URL  the git server, e.g. https://git.school.lan (login)
 *   CMS_API_ROOT  its API (default <base>/api/v1; GitLab <base>/api/v4)
 *   CMS_APP_ID    client id of the git server's public OAuth application (PKCE)
 *   SITE          where the board (and so the admin, at <SITE><BASE>admin/) is served
 *
 * GitHub is not offered: its login needs an OAuth server of its own and the
 * internet, which a campus LAN board has neither of.
 */
export type PublishMode = 'simple' | 'editorial_workflow';

/** What a production build may set CMS_BACKEND to. */
export const backendChoices = ['forgejo', 'gitea', 'gitlab', 'none'] as const;

export type BackendProblemRule = 'missing' | 'unknown' | 'invalid' | 'insecure';

/** One wrong or missing setting: the variable, the rule it breaks and the Chinese message. */
export interface BackendProblem {
  variable: string;
  rule: BackendProblemRule;
  message: string;
}

export interface BackendResult {
  /** The Decap `backend` block; absent with CMS_BACKEND=none and whenever there is a problem. */
  backend?: Record<string, unknown>;
  /** How this backend publishes: Decap's Gitea backend has no review workflow. */
  publishMode?: PublishMode;
  /** CMS_BACKEND=none: the board is built without an admin. */
  none?: boolean;
  problems: BackendProblem[];
  /** The problems' messages, as the build prints them. */
  errors: string[];
}

type Env = Record<string, string | undefined>;
type GitBackend = Exclude<(typeof backendChoices)[number], 'none'>;

/** What each git backend is called in messages and which API version its root ends in. */
const hosts: Record<GitBackend, { label: string; api: string; publishMode: PublishMode }> = {
  forgejo: { label: 'Forgejo', api: '/api/v1', publishMode: 'editorial_workflow' },
  // Decap's Gitea backend refuses the editorial workflow ("does not support editorial workflow").
  gitea: { label: 'Gitea', api: '/api/v1', publishMode: 'simple' },
  gitlab: { label: 'GitLab', api: '/api/v4', publishMode: 'editorial_workflow' },
};

const choicesText =
  '可选：forgejo（Forgejo，支持发布前审核）、gitea（Gitea，保存即发布）、gitlab（GitLab，支持发布前审核）、none（只生成公开栏，不生成后台）';

// Decap's PKCE login refuses any page that is not https, localhost or 127.0.0.1 (decap-cms-lib-auth isInsecureProtocol).
const loopback = new Set(['localhost', '127.0.0.1']);

const trimmed = (env: Env, key: string) => env[key]?.trim() || undefined;

/** The production backend named by CMS_BACKEND, or the problems that stop the build. */
export function backendFromEnv(env: Env): BackendResult {
  const problems: BackendProblem[] = [];
  const fail = (variable: string, rule: BackendProblemRule, message: string) => problems.push({ variable, rule, message });
  const done = (r: Omit<BackendResult, 'problems' | 'errors'>): BackendResult =>
    problems.length ? { problems, errors: problems.map((p) => p.message) } : { ...r, problems, errors: [] };

  const name = trimmed(env, 'CMS_BACKEND');
  if (!name) {
    fail(
      'CMS_BACKEND',
      'missing',
      `生成正式网站必须设置 CMS_BACKEND，说明后台连接哪种 git 服务。${choicesText}。本机编辑用 npm start，不需要设置。`,
    );
    return done({});
  }
  if (name === 'none') return done({ none: true });
  if (!(name in hosts)) {
    const why = name === 'github' ? 'GitHub 的登录需要单独的 OAuth 服务器和互联网，本项目不提供。' : '';
    fail('CMS_BACKEND', 'unknown', `CMS_BACKEND 的值“${name}”不认识。${why}${choicesText}。`);
    return done({});
  }
  const host = hosts[name as GitBackend];
  const need = (key: string, what: string) => {
    const value = trimmed(env, key);
    if (!value) fail(key, 'missing', `使用 ${name} 时必须设置 ${key}（${what}）。`);
    return value;
  };
  /** A URL the browser opens or calls during login: https, except on this computer. */
  const secureUrl = (key: string, value: string | undefined, why: string) => {
    if (!value) return undefined;
    let url: URL;
    try {
      url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(url.protocol);
    } catch {
      fail(key, 'invalid', `${key}“${value}”不是完整的网址，应写成 https://git.school.lan 这样。`);
      return undefined;
    }
    if (url.protocol !== 'https:' && !loopback.has(url.hostname)) {
      fail(
        key,
        'insecure',
        `${key} 必须是 https 网址（现在是 ${value}）：${why}浏览器在普通 http 网址上拒绝这种登录（本机的 localhost、127.0.0.1 除外）。`,
      );
    }
    return value.replace(/\/+$/, '');
  };

  const repo = need('CMS_REPO', '内容仓库，如 dangzongzhi/gongkai');
  if (repo && !/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*$/.test(repo)) fail('CMS_REPO', 'invalid', `CMS_REPO“${repo}”应写成 所有者/仓库名。`);
  secureUrl(
    'SITE',
    need('SITE', '公开栏的 https 网址；后台在它下面的 admin/，即 OAuth 应用的回调地址'),
    `后台在公开栏网址下用 ${host.label} 的 PKCE 方式登录，`,
  );
  const baseWhat =
    name === 'gitlab' ? 'GitLab 的网址，如 https://gitlab.school.lan' : `校园网 ${host.label} 的网址，如 https://git.school.lan`;
  const rawBase = name === 'gitlab' ? trimmed(env, 'CMS_BASE_URL') : need('CMS_BASE_URL', baseWhat);
  const base = secureUrl('CMS_BASE_URL', rawBase, `后台从浏览器直接登录 ${host.label} 并调用它的接口，`);
  const apiRoot =
    secureUrl('CMS_API_ROOT', trimmed(env, 'CMS_API_ROOT'), `后台从浏览器直接调用 ${host.label} 的接口，`) ??
    (base && `${base}${host.api}`);
  const appId = need('CMS_APP_ID', `在 ${host.label} 中建立的公开（非机密）OAuth 应用的客户端 ID`);
  // Decap's Forgejo backend ignores base_url and logs in at api_root less its /api/<version>: they must agree.
  if (name === 'forgejo' && base && apiRoot && apiRoot.replace(/\/api\/[^/]+$/, '') !== base) {
    fail(
      'CMS_API_ROOT',
      'invalid',
      `CMS_API_ROOT（${apiRoot}）应为 CMS_BASE_URL 加 /api/v1（${base}/api/v1）：Forgejo 后台从 CMS_API_ROOT 去掉 /api/v1 得到登录地址。`,
    );
  }

  const backend: Record<string, unknown> = { name, repo, branch: trimmed(env, 'CMS_BRANCH') ?? 'main' };
  if (base) backend.base_url = base;
  if (apiRoot) backend.api_root = apiRoot;
  backend.app_id = appId;
  // Decap's GitLab backend logs in through Netlify unless told to use PKCE; Gitea and Forgejo always use PKCE.
  if (name === 'gitlab') backend.auth_type = 'pkce';
  return done({ backend, publishMode: host.publishMode });
}

/**
 * The publish mode of the local backend (decap-server) in `astro dev`:
 * CMS_PUBLISH_MODE, default the review workflow. Decap falls back to simple
 * publishing by itself where decap-server offers nothing else (its file mode).
 */
export function localPublishMode(env: Env): { publishMode?: PublishMode; errors: string[] } {
  const value = trimmed(env, 'CMS_PUBLISH_MODE') ?? 'editorial_workflow';
  if (value === 'simple' || value === 'editorial_workflow') return { publishMode: value, errors: [] };
  return { errors: [`CMS_PUBLISH_MODE 的值“${value}”不认识，可选：simple（每次保存即提交）、editorial_workflow（发布前审核，默认）。`] };
}
