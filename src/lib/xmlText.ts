/**
 * Text made safe for XML 1.0, whatever it holds. The content check already
 * refuses control characters in every field, but a feed that one stray
 * character makes malformed stops every reader of it, so the feed does not
 * rely on the check: characters XML 1.0 forbids (C0 controls but tab, line
 * feed and carriage return; lone surrogates; U+FFFE and U+FFFF) are dropped,
 * and the discouraged DEL and C1 controls with them.
 */

const FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `s` as XML character data or an attribute value: forbidden characters dropped, markup characters escaped.
 * @example xmlText('通报\u0007 <b>&') // → '通报 &lt;b&gt;&amp;'
 */
export function xmlText(s: string): string {
  return s
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
