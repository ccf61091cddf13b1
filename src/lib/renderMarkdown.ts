/**
 * Renders untrusted Markdown (typed into the CMS) to safe HTML: remark parses
 * it, rehype-sanitize keeps only GitHub's safe subset (no script, no event
 * handlers, no javascript: links, no iframes), then it is serialised.
 */
import { remark } from 'remark';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';

const processor = remark().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

// Text with none of Markdown's or HTML's special characters renders to plain paragraphs; skipping the parser for it keeps large builds fast.
const SPECIAL = /[<>&*_`#[\]!|~\\]|^\s*([-+>]|\d+[.)])|https?:|www\./m;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Safe HTML for a Markdown body. */
export function renderMarkdown(markdown: string | undefined): string {
  const text = (markdown ?? '').trim();
  if (!text) return '';
  if (!SPECIAL.test(text)) {
    return text
      .split(/\n{2,}/)
      .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '\n')}</p>`)
      .join('\n');
  }
  return String(processor.processSync(text));
}
