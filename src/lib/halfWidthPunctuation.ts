/**
 * Chinese typography: a half-width , : ; ( ) right next to a Chinese character (or to Chinese punctuation
 * such as “”《》、。，) should be full-width: ，：；（）. Parentheses must also stay paired by width: （…）, never
 * （…) or (…）. Numbers, dates, code, identifiers, URLs and paths rarely touch a Chinese character; where
 * one must (a format example such as 时:分), the caller names it in `allowed`.
 */

/** A Chinese character, or Chinese / full-width punctuation. */
export const cjk = /[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff65“”]/;

const halfWidth = new Set([',', ':', ';', '(', ')']);

export interface PunctuationHit {
  /** Index of the offending character in the text. */
  index: number;
  /** The character and up to eight characters either side. */
  snippet: string;
}

/**
 * The half-width , : ; ( ) next to Chinese in `text`, and the parentheses paired with one of the other width.
 * Characters inside an occurrence of one of `allowed` are not reported.
 */
export function halfWidthPunctuation(text: string, allowed: readonly string[] = []): PunctuationHit[] {
  const exempt = new Set<number>();
  for (const a of allowed) {
    for (let at = text.indexOf(a); at >= 0; at = text.indexOf(a, at + 1)) for (let i = at; i < at + a.length; i++) exempt.add(i);
  }
  const bad = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    if (!halfWidth.has(text[i]) || exempt.has(i)) continue;
    if (cjk.test(text[i - 1] ?? '') || cjk.test(text[i + 1] ?? '')) bad.add(i);
  }
  // Mixed pairs: an opening parenthesis closed by one of the other width.
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '（') open.push(i);
    else if ((c === ')' || c === '）') && open.length) {
      const o = open.pop()!;
      if ((text[o] === '(') !== (c === ')')) {
        if (!exempt.has(o)) bad.add(o);
        if (!exempt.has(i)) bad.add(i);
      }
    }
  }
  return [...bad].sort((a, b) => a - b).map((index) => ({ index, snippet: text.slice(Math.max(0, index - 8), index + 9) }));
}
