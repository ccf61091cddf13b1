/**
 * `npm run gen -- --members N --out DIR [--seed S] [--as-of YYYY-MM-DD]`
 * Writes a valid content tree of N members into DIR (emptied first).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateContent } from '../gen/generateContent.ts';

/** Writes the generated tree; returns the number of files. */
export function writeGenerated(out: string, members: number, seed: number, asOf?: string): number {
  rmSync(out, { recursive: true, force: true });
  const made = new Set<string>();
  let files = 0;
  for (const [rel, text] of generateContent({ members, seed, asOf })) {
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

const isMain = process.argv[1] && resolve(process.argv[1]).endsWith('gen.ts');
if (isMain) {
  const { values } = parseArgs({ options: { members: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' }, 'as-of': { type: 'string' } } });
  const members = Number(values.members);
  if (!values.out || !Number.isInteger(members) || members < 1) {
    process.stderr.write('用法:npm run gen -- --members 人数 --out 目录 [--seed 种子] [--as-of 2026-12-20]\n');
    process.exit(2);
  }
  const started = performance.now();
  const files = writeGenerated(resolve(values.out), members, Number(values.seed), values['as-of']);
  process.stdout.write(`已生成 ${members} 名党员的内容:${files} 个文件,用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒,位于 ${resolve(values.out)}\n`);
}
