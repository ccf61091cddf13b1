/**
 * The Decap backend of a production build, from the environment at build
 * time. The campus LAN usually runs Gitea or Forgejo; GitLab and GitHub work
 * the same way. Missing settings are reported in Chinese and stop the build.
 *
 *   CMS_BACKEND   gitea | gitlab | github
 *   CMS_REPO      owner/name of the content repository
 *   CMS_BRANCH    branch to publish to (default main)
 *   CMS_BASE_URL  the git server, e.g. http://git.school.lan (OAuth login)
 *   CMS_API_ROOT  its API, e.g. http://git.school.lan/api/v1 (Gitea/Forgejo)
 *   CMS_APP_ID    OAuth application (client) id, for PKCE login
 */
export interface BackendResult {
  backend?: Record<string, unknown>;
  errors: string[];
}

const names = ['gitea', 'gitlab', 'github'] as const;

export function backendFromEnv(env: Record<string, string | undefined>): BackendResult {
  const name = env.CMS_BACKEND?.trim();
  if (!name) return { errors: [] };
  if (!(names as readonly string[]).includes(name)) {
    return { errors: [`CMS_BACKEND 的值“${name}”不认识,可选:${names.join('、')}。`] };
  }
  const errors: string[] = [];
  const need = (key: string, why: string) => {
    if (!env[key]?.trim()) errors.push(`使用 ${name} 时必须设置 ${key}(${why})。`);
    return env[key]?.trim();
  };
  const repo = need('CMS_REPO', '内容仓库,如 dangzongzhi/gongkai-content');
  if (repo && !/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*$/.test(repo)) errors.push(`CMS_REPO“${repo}”应写成 所有者/仓库名。`);
  const backend: Record<string, unknown> = { name, repo, branch: env.CMS_BRANCH?.trim() || 'main' };
  if (name === 'gitea') {
    backend.base_url = need('CMS_BASE_URL', '校园网 Gitea/Forgejo 的地址,如 http://git.school.lan');
    backend.api_root = env.CMS_API_ROOT?.trim() || (backend.base_url ? `${String(backend.base_url).replace(/\/$/, '')}/api/v1` : undefined);
    backend.app_id = need('CMS_APP_ID', '在 Gitea 中建立的 OAuth 应用的客户端 ID');
  } else {
    if (env.CMS_BASE_URL) backend.base_url = env.CMS_BASE_URL.trim();
    if (env.CMS_API_ROOT) backend.api_root = env.CMS_API_ROOT.trim();
    if (env.CMS_APP_ID) {
      backend.app_id = env.CMS_APP_ID.trim();
      backend.auth_type = 'pkce';
    }
  }
  return errors.length ? { errors } : { backend, errors };
}
