/**
 * Shard repositories for the roll-up tests: a content tree (a copy of the sample or an example, or a generated
 * one) whose site.json names the shard `130102/<unit>`, committed as a git repository of its own on `main`, with a
 * fixed author and date so that its commits are the same on every run.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeGenerated } from '../../src/bench/gen.ts';

const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.org',
  GIT_AUTHOR_DATE: '2025-12-26T12:00:00+08:00',
  GIT_COMMITTER_DATE: '2025-12-26T12:00:00+08:00',
};

/** git in `cwd` with the fixed author and date; its output, trimmed. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

/**
 * The repository of shard 130102/`unit` in `dir`: `from` (a content folder) copied, or `generated` members written
 * by `npm run gen`'s generator; `site` adds fields to site.json. Returns `dir`.
 */
export function shardRepo(
  dir: string,
  unit: string,
  o: { from?: string; generated?: { members: number; seed: number }; site?: Record<string, unknown> },
): string {
  const content = join(dir, 'content');
  if (o.generated) writeGenerated(content, o.generated.members, o.generated.seed);
  else cpSync(o.from as string, content, { recursive: true });
  const sitePath = join(content, 'site.json');
  const site = JSON.parse(readFileSync(sitePath, 'utf8'));
  writeFileSync(sitePath, `${JSON.stringify({ ...site, shard: { region: '130102', unit }, ...o.site }, null, 2)}\n`);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'content');
  return dir;
}
