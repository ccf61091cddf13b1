/**
 * The README's Caddy example for serving the internal build on the LAN only
 * is valid configuration for the Caddy the project uses (`caddy adapt`), and
 * keeps what makes it safe: a 403 for addresses outside the private ranges.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const caddy = ['/usr/bin/caddy', '/usr/local/bin/caddy'].find((p) => existsSync(p));

/** The first fenced block after `heading` in the README. */
function blockAfter(heading: string): string {
  const at = readme.indexOf(heading);
  expect(at, heading).toBeGreaterThan(-1);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(m, `a code block after ${heading}`).not.toBeNull();
  return m![1];
}

describe('the README’s example for serving the internal build', () => {
  const example = blockAfter('Caddy（`Caddyfile`）：');

  test.skipIf(!caddy)('is a Caddyfile that Caddy accepts, and refuses every address outside the LAN ranges', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caddy-example-'));
    const file = join(dir, 'Caddyfile');
    writeFileSync(file, example);
    const r = spawnSync(caddy!, ['adapt', '--config', file, '--adapter', 'caddyfile'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const json = r.stdout;
    // The matcher is negated remote_ip over the private ranges, answered with 403 before the file server.
    expect(json).toMatch(
      /"not":\[\{"remote_ip":\{"ranges":\["10\.0\.0\.0\/8","172\.16\.0\.0\/12","192\.168\.0\.0\/16","127\.0\.0\.1\/32"\]\}\}\]/,
    );
    expect(json).toContain('"status_code":403');
    expect(json.indexOf('"status_code":403')).toBeLessThan(json.indexOf('"handler":"file_server"'));
    expect(json).toContain('noindex');
  });

  test('the nginx example allows only the private ranges and denies the rest', () => {
    const nginx = blockAfter('nginx：');
    expect(nginx).toMatch(/allow 10\.0\.0\.0\/8;[\s\S]*allow 192\.168\.0\.0\/16;[\s\S]*deny all;/);
    expect(nginx).toContain('X-Robots-Tag');
  });
});
