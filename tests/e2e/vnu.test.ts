/**
 * Valid HTML, as the Nu Html Checker (vnu, the W3C validator; `vnu-jar` runs on Debian's Java) sees it: one page
 * of every type of both builds — public and internal — has no error. Types are found from the built files
 * themselves (ids replaced by *), so a new kind of page is checked without being listed here.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { describe, expect, inject, test } from 'vitest';
import { walk } from '../build/buildSite.ts';

const run = promisify(execFile);
/** The path of vnu.jar (the package's main export). */
const vnuJar = createRequire(import.meta.url)('vnu-jar') as string;

/** One HTML file per page type: `orgs/jiaoshi-yi/index.html` and `orgs/tuixiu/index.html` are one type. */
function onePerType(dist: string): string[] {
  const byType = new Map<string, string>();
  for (const f of walk(dist)
    .filter((x) => x.endsWith('.html') && !x.startsWith('admin/'))
    .sort()) {
    const parts = f.split('/');
    // Keep the first segment (the section) and the file name; every segment between is an id or a round.
    const type =
      parts.length <= 2
        ? f
        : `${parts[0]}/${parts
            .slice(1, -1)
            .map(() => '*')
            .join('/')}/${parts.at(-1)}`;
    if (!byType.has(type)) byType.set(type, join(dist, f));
  }
  return [...byType.values()];
}

interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

async function vnu(files: string[]): Promise<VnuMessage[]> {
  // vnu exits 1 when it reports errors; its JSON report is on stderr either way.
  const r = await run('java', ['-Xss8m', '-jar', vnuJar, '--format', 'json', '--errors-only', ...files], { maxBuffer: 1 << 26 }).catch(
    (e: { stderr?: string; code?: number }) => {
      if (typeof e.stderr !== 'string' || !e.stderr.trim().startsWith('{')) throw e;
      return { stderr: e.stderr };
    },
  );
  return (JSON.parse(r.stderr) as { messages: VnuMessage[] }).messages;
}

describe.each([
  ['public', 'distDir'],
  ['internal', 'internalDistDir'],
] as const)('the %s build', (_, key) => {
  test('has no HTML error on any page type (Nu Html Checker)', async () => {
    const dist = inject(key);
    const files = onePerType(dist);
    expect(files.length).toBeGreaterThan(10);
    const errors = (await vnu(files)).filter((m) => m.type === 'error' || m.type === 'non-document-error');
    expect(
      errors.map(
        (m) =>
          `${m.url.replace(`file:${dist}/`, '')}:${m.lastLine ?? ''} ${m.message}${m.extract ? ` — ${m.extract.trim().slice(0, 80)}` : ''}`,
      ),
    ).toEqual([]);
  }, 180_000);
});
