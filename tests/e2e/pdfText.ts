/** The text of a printed PDF, page by page, read with Debian's pdftotext (poppler-utils; .ci/run installs it). */
import { execFileSync } from 'node:child_process';

/** The text of each page of a PDF, as laid out on it (`-layout`) or in the order it was written (`-raw`). */
export function pdfText(pdf: Buffer, mode: '-layout' | '-raw' = '-layout'): string[] {
  let out: string;
  try {
    out = execFileSync('pdftotext', [mode, '-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (err) {
    throw new Error(`打印测试需要 pdftotext：apt-get install -y poppler-utils（.ci/run 会自动安装）。${String(err)}`);
  }
  // Every page ends with a form feed.
  return out.split('\f').slice(0, -1);
}
