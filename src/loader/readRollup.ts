/** The roll-up's own `rollup.json` (src/cli/rollup.ts), for its board: read once, bounded, its format checked. */
import type { RollupFile } from '../lib/rollupFigures.ts';
import { readBoundedFile } from './readBoundedFile.ts';

/** A county roll-up of 500 units with their summaries is about 5 MB. */
const maxBytes = 64 * 1024 * 1024;

export function readRollup(path: string): RollupFile {
  const read = readBoundedFile(path, maxBytes);
  if ('missing' in read) throw new Error(`找不到汇总文件 ${path}（先运行 npm run rollup）。`);
  if ('refused' in read) throw new Error(`无法读取汇总文件 ${path}：${read.refused}。`);
  const data = JSON.parse(read.bytes.toString('utf8')) as RollupFile;
  if (data?.format !== 'chengnuo-rollup' || data.schemaVersion !== 1 || !Array.isArray(data.shards))
    throw new Error(`${path} 不是汇总文件（chengnuo-rollup 第 1 版）。`);
  return data;
}
