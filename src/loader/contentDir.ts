/** Where the content lives: `CONTENT_DIR` (another tree, e.g. for benchmarks) or `content/` at the project root. */
import { resolve } from 'node:path';

export function contentDir(): string {
  return resolve(process.env.CONTENT_DIR ?? 'content');
}
