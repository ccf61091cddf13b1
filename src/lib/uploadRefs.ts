/**
 * The uploads a published text refers to: every `…/uploads/<name>` or relative `uploads/<name>` in it (an image or a
 * link in a page, an address in the open data or a feed), as the name of the file under the uploads folder. Names
 * come percent-encoded or not, and HTML-escaped or not; both spellings are returned, so a lookup by the file's own
 * name matches either.
 * @example uploadRefs('<img src="/gongkai/uploads/%E5%90%88%E5%BD%B1.png">') // → Set { '%E5%90%88%E5%BD%B1.png', '合影.png' }
 */
export function uploadRefs(text: string): Set<string> {
  const refs = new Set<string>();
  // `uploads/` as a whole path segment: after a slash (any base), or bare at the start of a relative address.
  for (const m of text.matchAll(/(?:^|[^A-Za-z0-9_.%~-])uploads\/([^\s"'<>()?#\\]+)/g)) {
    const raw = m[1].replace(/&amp;/g, '&');
    refs.add(raw);
    try {
      refs.add(decodeURIComponent(raw));
    } catch {
      // Not valid percent-encoding: the raw spelling stands.
    }
  }
  return refs;
}
