/** `npm run build` refuses a SITE_SCOPE it does not know, in Chinese, before Astro starts and without touching the output folder. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { parseScope } from '../../src/data/siteScope.ts';
import { buildCommand } from '../../src/cli/buildCommand.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** `npm run build`, as package.json runs it (src/cli/buildCommand.ts). */
const [node, ...buildArgs] = buildCommand(root);

test.each([
  [undefined, 'public'],
  ['', 'public'],
  ['public', 'public'],
  [' internal ', 'internal'],
  ['Internal', undefined],
  ['private', undefined],
])('SITE_SCOPE=%j is %s', (value, scope) => {
  expect(parseScope(value)).toBe(scope);
});

test('an unknown SITE_SCOPE stops the build with a Chinese message naming the variable and its values', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'scope-')), 'dist');
  const r = spawnSync(node, [...buildArgs, '--root', root, '--out', out], {
    cwd: root,
    env: { ...process.env, SITE_SCOPE: 'secret', CMS_BACKEND: 'none' },
    encoding: 'utf8',
  });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('SITE_SCOPE=secret 不是可用的公开范围');
  expect(r.stderr).toMatch(/public（对外公开，默认）或 internal（组织内部）/);
  expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  expect(existsSync(out)).toBe(false);
});
