/**
 * Any `--out` emits exactly what `dist/` would (issue 22, item 10): run from the project, as a secretary runs it,
 * a build into a folder outside the project got Astro's internal files (content modules, data store, settings,
 * schemas) copied in from the project's own .astro/ (src/loader/astroLeftovers.ts says why).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildCommand } from '../../src/cli/buildCommand.ts';
import { copyProject } from '../e2e/cms/cmsServer.ts';
import { childEnv, walk } from './buildSite.ts';

const project = copyProject();
const elsewhere = mkdtempSync(join(tmpdir(), 'elsewhere-'));
afterAll(() => {
  for (const dir of [project, elsewhere]) rmSync(dir, { recursive: true, force: true });
});

/** `npm run build -- --out <out>`, run in the project's own folder. */
function build(out: string): string[] {
  const [node, ...args] = buildCommand(project);
  const r = spawnSync(node, [...args, '--out', out], {
    cwd: project,
    env: childEnv({ ASTRO_TELEMETRY_DISABLED: '1', SITE: '' }),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return walk(resolve(project, out)).sort();
}

test('a build into a folder outside the project emits exactly the files a build into dist/ does', () => {
  // One after the other: both use the project's .astro/.
  const inside = build('dist');
  const outside = build(join(elsewhere, 'site'));
  expect(inside.length).toBeGreaterThan(100);
  expect(outside.filter((f) => !f.includes('/') && /\.(mjs|json)$/.test(f))).toEqual(
    inside.filter((f) => !f.includes('/') && /\.(mjs|json)$/.test(f)),
  );
  expect(outside).toEqual(inside);
});
