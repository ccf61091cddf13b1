/** Chinese characters and full-width punctuation (CJK punctuation, ideographs, full-width forms, quotation marks). */
const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef\\u201c\\u201d]';

/** Plain text of rendered (safe) HTML, cut to `max` characters with “……” when longer: a bulletin's excerpt on a screen. */
export function screenText(html: string, max: number): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    // Chinese runs on without spaces where paragraphs and tags met.
    .replace(new RegExp(`(${CJK}) (?=${CJK})`, 'g'), '$1')
    .trim();
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('').trimEnd()}……`;
}
