/**
 * /print-banner.css of an internal roll-up (--scope internal): the banner printed at the top of every sheet
 * (src/lib/printBannerCss.ts), linked from its pages (src/rollup/layouts/RollupLayout.astro).
 */
import type { APIRoute } from 'astro';
import { getRollup } from '../../data/rollup.ts';
import { t } from '../../i18n/t.ts';
import { printBannerCss } from '../../lib/printBannerCss.ts';

export function getStaticPaths() {
  return getRollup().scope === 'internal' ? [{ params: { sheet: 'print-banner' } }] : [];
}

export const GET: APIRoute = () =>
  new Response(printBannerCss(t('internal.printBanner')), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
