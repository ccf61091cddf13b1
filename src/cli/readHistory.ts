/**
 * `tsx src/cli/readHistory.ts <content folder> <output file>`: reads the pledges' git history
 * (src/data/pledgeHistory.ts) and writes it, packed, as JSON (`null` outside a git checkout). The build runs it as a
 * process of its own; not a command for people.
 */
import { writeFileSync } from 'node:fs';
import { readHistory } from '../data/pledgeHistory.ts';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  process.stderr.write('用法：tsx src/cli/readHistory.ts 内容文件夹 输出文件\n');
  process.exit(2);
}
try {
  writeFileSync(out, JSON.stringify(await readHistory(dir)));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
