/**
 * The Caddy configuration of the LAN mode: HTTPS with Caddy's own internal
 * certificate authority (`tls internal`), everything proxied to the dev
 * server on 127.0.0.1 with a secret of this run, without which the dev
 * server answers nothing (so a program on the server cannot go around the
 * login). The login itself (a form and a session per secretary, limited
 * per user and per address, and a logout) is the dev server's
 * (src/cms/lanGate.ts), in front of everything it serves: the dev server
 * serves project files too (Vite), so nothing is open without a login; the
 * public board is the built site, published elsewhere. A client's own
 * editor header (the logged-in name the gate sets for each commit message)
 * is dropped on the way; Caddy sets X-Forwarded-For to the client's address
 * (it trusts no incoming value), by which the gate limits attempts.
 */

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
\treverse_proxy 127.0.0.1:${o.upstreamPort} {
\t\theader_up -${editorHeader}
\t\theader_up ${proxySecretHeader} ${o.secret.replace(/[^A-Za-z0-9]/g, '')}
\t}
\theader /uploads/* {
\t\tX-Content-Type-Options nosniff
\t\tContent-Security-Policy "default-src 'none'; sandbox"
\t}
}
`;
}
