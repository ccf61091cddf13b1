/**
 * `npm run gen -- --members N --out DIR [--seed S] [--as-of YYYY-MM-DD] [--profile PRESET]`
 * Writes a valid content tree of N members into DIR (emptied first), following
 * the rules of PRESET (src/lib/profiles.ts; default five-stages).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateContent } from './gen/generateContent.ts';
import { defaultProfileId, presets, type ProfileId } from '../lib/profiles.ts';
import { isMain } from '../cli/cliIo.ts';

/** Writes the generated tree; returns the number of files. */
export function writeGenerated(out: string, members: number, seed: number, asOf?: string, profile?: ProfileId): number {
  rmSync(out, { recursive: true, force: true });
  const made = new Set<string>();
  let files = 0;
  for (const [rel, text] of generateContent({ members, seed, asOf, profile })) {
    const path = join(out, rel);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, text);
    files += 1;
  }
  return files;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      members: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'as-of': { type: 'string' },
      profile: { type: 'string', default: defaultProfileId },
    },
  });
  const members = Number(values.members);
  if (!values.out || !Number.isInteger(members) || members < 1) {
    process.stderr.write('用法：npm run gen -- --members 人数 --out 目录 [--seed 种子] [--as-of 2026-12-20] [--profile 制度]\n');
    process.exit(2);
  }
  if (!Object.hasOwn(presets, values.profile)) {
    process.stderr.write(`未知的制度“${values.profile}”：--profile 只能是 ${Object.keys(presets).join('、')} 之一。\n`);
    process.exit(2);
  }
  const profile = values.profile as ProfileId;
  const started = performance.now();
  const files = writeGenerated(resolve(values.out), members, Number(values.seed), values['as-of'], profile);
  process.stdout.write(
    `已生成 ${members} 名党员的内容（制度：${profile}）：${files} 个文件，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒，位于 ${resolve(values.out)}\n`,
  );
}
