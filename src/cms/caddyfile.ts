/**
 * The Caddy configuration of the LAN mode: HTTPS with Caddy's own internal
 * certificate authority (`tls internal`), a login per secretary (HTTP basic
 * authentication, bcrypt hashes) on every path — the dev server behind it
 * serves project files too (Vite), so nothing is open without a login; the
 * public board is the built site, published elsewhere — everything proxied
 * to the dev server on 127.0.0.1. Two headers are set on the way (a
 * client's own values are always replaced): the logged-in name, for the
 * commit message of each save, and a secret of this run, without which the
 * CMS API refuses a request (so a program on the server cannot go around
 * the login).
 */
import type { LanUser } from './lanUsers.ts';

export const editorHeader = 'X-Pb-Editor';
export const proxySecretHeader = 'X-Pb-Proxy';

export interface CaddyfileOptions {
  /** The name or address the secretaries open, e.g. cms.school.lan or 10.0.0.5. */
  host: string;
  /** The HTTPS port. */
  port: number;
  /** The address Caddy listens on (0.0.0.0 for the LAN). */
  bind: string;
  /** The dev server's port on 127.0.0.1. */
  upstreamPort: number;
  users: LanUser[];
  /** Where Caddy keeps its certificate authority and certificates (outside the project: the dev server serves project files). */
  storage: string;
  /** A random secret of this run, passed to the dev server with every request. */
  secret: string;
}

const quoted = (s: string) => `"${s.replace(/["\\]/g, '')}"`;

export function caddyfile(o: CaddyfileOptions): string {
  return `# 由 npm run lan 生成，每次启动时重写，请勿手工修改。
{
\tadmin off
\tskip_install_trust
\tauto_https disable_redirects
\tstorage file_system {
\t\troot ${quoted(o.storage)}
\t}
}

https://${o.host}:${o.port} {
\tbind ${o.bind}
\ttls internal
\tbasicauth {
${o.users.map((u) => `\t\t${u.name} ${u.hash}`).join('\n')}
\t}
\treverse_proxy 127.0.0.1:${o.upstreamPort} {
\t\theader_up ${editorHeader} {http.auth.user.id}
\t\theader_up ${proxySecretHeader} ${o.secret.replace(/[^A-Za-z0-9]/g, '')}
\t}
\theader /uploads/* {
\t\tX-Content-Type-Options nosniff
\t\tContent-Security-Policy "default-src 'none'; sandbox"
\t}
}
`;
}
