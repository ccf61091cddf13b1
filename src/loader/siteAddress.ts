/**
 * The public board's address for a build: `SITE` wins, else `site.json`'s `url` (editable in the CMS, so every
 * build — CI's included — uses the branch's real address). Read leniently before Astro starts: a broken site.json
 * is reported by the content check, not here. Undefined when neither is set: then the build makes no absolute
 * link it would have to guess (no QR codes, no sitemap; links in the feed and open data are site-relative).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const isAddress = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\/[^\s/]+/.test(v.trim());

export function siteAddress(env: NodeJS.ProcessEnv, contentDir: string): string | undefined {
  return env.SITE?.trim() || siteJsonUrl(contentDir);
}

/** `site.json`'s `url`, when it is a web address. */
export function siteJsonUrl(contentDir: string): string | undefined {
  try {
    const url = (JSON.parse(readFileSync(join(contentDir, 'site.json'), 'utf8').replace(/^\uFEFF/, '')) as { url?: unknown }).url;
    return isAddress(url) ? url.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The base path the site is served under: BASE, else the path of `site.json`'s `url` (a secretary who writes
 * http://10.0.0.5/gongkai/ means the board lives under /gongkai/), else `/`. SITE never sets it (as before).
 */
export function siteBase(env: NodeJS.ProcessEnv, contentDir: string): string {
  if (env.BASE) return env.BASE;
  if (env.SITE?.trim()) return '/';
  const url = siteJsonUrl(contentDir);
  return url ? new URL(url).pathname.replace(/\/?$/, '/') : '/';
}

/** The warning of a production build without an address, in Chinese. */
export const noAddressWarning =
  '没有设置公开栏网址（site.json 的 url，可在后台“站点设置”中填写；或环境变量 SITE）：打印的公开承诺书和桌牌不带二维码，不生成网站地图，订阅和公开数据中的链接只写站内路径。填写网址后重新生成即可。';
