/**
 * The Content-Security-Policy of the board and of its admin, in one place.
 * The site is static (no server headers), so each policy travels as a
 * `<meta http-equiv="Content-Security-Policy">` at the top of the page head:
 * the public pages from src/layouts/BaseLayout.astro, the admin page from
 * admin/vite.config.ts (its build) and src/integrations/adminCsp.ts (the git
 * host, known only when the site is built).
 */

/** Directive name → its sources, in the order they are written. */
export type Directives = Readonly<Record<string, readonly string[]>>;

const SELF = "'self'";

/** What every page of the board and the admin shares. */
const common: Directives = {
  'default-src': [SELF],
  'object-src': ["'none'"],
  'base-uri': [SELF],
  'form-action': [SELF],
};

/** `default-src 'self'; script-src 'self'` — directives joined the way the header and the meta write them. */
export function serializePolicy(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * The public pages' policy: scripts only from files of the site (no inline script, no event handler
 * attribute, no eval), requests only to the site (the Pagefind index).
 *
 * Styles: `style-src` keeps 'unsafe-inline' for style attributes (a chart's height, a rate bar's width),
 * while `style-src-elem 'self'` refuses `<style>` elements in browsers that know CSP 3 (older ones fall back
 * to style-src and still draw the page). `astro dev` injects every stylesheet as a `<style>` element, so
 * `dev` leaves style-src-elem out.
 */
export function sitePolicy({ dev = false }: { dev?: boolean } = {}): string {
  return serializePolicy({
    ...common,
    'script-src': [SELF],
    'style-src': [SELF, "'unsafe-inline'"],
    ...(!dev && { 'style-src-elem': [SELF] }),
    'img-src': [SELF, 'data:'],
    'connect-src': [SELF],
  });
}

/**
 * The admin's policy (Decap CMS 3.16). What Decap needs beyond the site's:
 * - 'unsafe-eval': Decap validates its config.yml with ajv, which compiles the schema with `new Function`;
 * - style-src 'unsafe-inline': Decap styles itself with emotion, which adds `<style>` elements at run time;
 * - blob: images: media read through the git API are shown from blob URLs (data: as on the public pages);
 * - the git host (`gitHosts`, origins): its API, the login's token request, the user's avatar.
 * Not needed (checked in Chromium): data: fonts, frames (the preview pane is a srcdoc frame under this policy),
 * 'wasm-unsafe-eval' (only Decap's opt-in media_processing compresses images with WebAssembly).
 * In `astro dev` Decap reaches decap-server through the dev server (/api/v1), so 'self' is enough.
 * @example adminPolicy(['https://git.school.lan']) // … connect-src 'self' https://git.school.lan
 */
export function adminPolicy(gitHosts: readonly string[] = []): string {
  return serializePolicy({
    ...common,
    'script-src': [SELF, "'unsafe-eval'"],
    'style-src': [SELF, "'unsafe-inline'"],
    'img-src': [SELF, 'data:', 'blob:', ...gitHosts],
    'connect-src': [SELF, ...gitHosts],
  });
}

/** Where a Decap backend logs in and calls when its config.yml names no api_root / base_url (Decap 3.16's defaults). */
const backendDefaults: Record<string, readonly string[]> = {
  gitlab: ['https://gitlab.com'],
  gitea: ['https://try.gitea.io'],
};

/**
 * The origins a Decap backend talks to: those of its `api_root` and `base_url`, or the backend's defaults
 * where one is not set (GitLab's login at gitlab.com when only its API is named). No backend, none.
 * @example gitHostsOf({ name: 'gitea', base_url: 'https://git.school.lan', api_root: 'https://git.school.lan/api/v1' })
 *   // ['https://git.school.lan']
 */
export function gitHostsOf(backend: Readonly<Record<string, unknown>> | undefined): string[] {
  if (!backend) return [];
  const name = String(backend.name ?? '');
  const configured = [backend.api_root, backend.base_url].filter((u): u is string => typeof u === 'string' && u.trim() !== '');
  const urls = configured.length === 2 ? configured : [...configured, ...(backendDefaults[name] ?? [])];
  return [...new Set(urls.map(originOf).filter((o): o is string => o !== undefined))];
}

/** `http://git.school.lan:3000` from any URL on that server; undefined for what is not an http(s) URL. */
function originOf(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

const META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;
const CHARSET = /<meta\s+charset=[^>]*>/i;

/**
 * The page with `policy` as its CSP meta: an existing one is replaced, otherwise the meta goes right after
 * `<meta charset>` (a policy applies only to what follows it in the page).
 */
export function withPolicy(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
  if (META.test(html)) return html.replace(META, () => meta);
  if (CHARSET.test(html)) return html.replace(CHARSET, (charset) => `${charset}\n    ${meta}`);
  return html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`);
}
