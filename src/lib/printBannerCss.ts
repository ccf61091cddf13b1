/**
 * The stylesheet that prints an internal page's banner on every sheet, not only the first: an `@page` margin box
 * (CSS Paged Media, Chromium 131 and later; other browsers print the on-screen banner on the first sheet only).
 * Served as a file of its own, because the pages' policy refuses `<style>` elements (contentSecurityPolicy.ts).
 * `text` is the banner's words with `{page}` where the page number goes. The top margin makes room for it on a page
 * that sets none of its own (a page's own `@page` rule, later in the cascade, keeps its margins).
 * @example printBannerCss('内部资料 · 第 {page} 页') // @page { @top-center { content: "内部资料 · 第 " counter(page) " 页"; … } }
 */
export function printBannerCss(text: string): string {
  const quoted = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
  const content = text.split('{page}').map(quoted).join(' counter(page) ');
  return `@page {\n  margin-top: 16mm;\n  @top-center {\n    content: ${content};\n    font-family: sans-serif;\n    font-size: 9pt;\n    font-weight: 600;\n    color: #a40000;\n  }\n}\n`;
}
