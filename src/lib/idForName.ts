/**
 * The file id (and web address) of a new member or organisation, derived from
 * its Chinese name: the one rule `npm run import` and the admin both follow,
 * so a member gets the same id whichever way she is added.
 */
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const MAX_BASE = 60;

/**
 * One pinyin syllable or run of other characters, as ASCII. A Chinese character the pinyin dictionary lacks
 * (𠮷, a rare character in a name) is kept as its code point, `u20bb7`, so 王𠮷 is never just `wang`.
 */
function asciiOf(part: string): string {
  if (/^[a-zA-ZüÜ0-9]+$/.test(part)) return part.toLowerCase().replace(/ü/g, 'v');
  return [...part]
    .map((ch) => (HAN.test(ch) ? `-u${ch.codePointAt(0)!.toString(16)}-` : /[a-zA-Z0-9]/.test(ch) ? ch.toLowerCase() : '-'))
    .join('');
}

/**
 * An ASCII id from a Chinese name: 张三 → `zhang-san`; `-2`, `-3` … when the id is in `taken`. Pure: `taken` is
 * not changed (a caller planning several ids adds each one it uses).
 *
 * @example idForName('王丽', new Set(['wang-li'])) // 'wang-li-2'
 * @example idForName('王𠮷', new Set()) // 'wang-u20bb7'
 */
export function idForName(name: string, taken: ReadonlySet<string>, fallback = 'member'): string {
  const base =
    pinyin(name.trim(), { toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .map(asciiOf)
      .join('-')
      .replace(/-+/g, '-')
      .replace(/^-+|-+$/g, '')
      // An id stays short enough to type and to fit in a web address, whatever the length of the name.
      .slice(0, MAX_BASE)
      .replace(/-+$/, '') || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
