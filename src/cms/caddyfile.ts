/**
 * The Caddy configuration of the LAN mode: HTTPS with Caddy's own internal
 * certificate authority (`tls internal`), a login per secretary (HTTP basic
 * authentication, bcrypt hashes) on the admin and the CMS API, the public
 * board without login, everything proxied to the dev server on 127.0.0.1.
 * The logged-in name is passed on in one header (the client's own value of
 * that header is always replaced), for the commit message of each save.
 */
import type { LanUser } from './lanUsers.ts';

export const editorHeader = 'X-Pb-Editor';

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
  /** Where Caddy keeps its certificate authority and certificates. */
  storage: string;
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
\t@editing path /admin /admin/* /api/*
\tbasicauth @editing {
${o.users.map((u) => `\t\t${u.name} ${u.hash}`).join('\n')}
\t}
\treverse_proxy 127.0.0.1:${o.upstreamPort} {
\t\theader_up ${editorHeader} {http.auth.user.id}
\t}
\theader /uploads/* {
\t\tX-Content-Type-Options nosniff
\t\tContent-Security-Policy "default-src 'none'; sandbox"
\t}
}
`;
}
