/**
 * Puts 本月记实 into the admin beside Decap's own screens: a link in Decap's
 * header (shown only once she is logged in, since Decap draws its header only
 * then), and the page itself at `#/month`, drawn over Decap's "page not found"
 * for that address, below the header.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MonthPage } from './MonthPage.tsx';

const HASH = '#/month';
const LINK_ID = 'pb-month-link';
const PAGE_ID = 'pb-month-page';
let root: Root | undefined;

const onMonth = () => location.hash === HASH || location.hash.startsWith(`${HASH}?`);

function addLink(header: HTMLElement): void {
  if (document.getElementById(LINK_ID)) return;
  const nav = header.querySelector<HTMLElement>('nav ul') ?? header.querySelector<HTMLElement>('nav');
  if (!nav) return;
  const link = document.createElement('a');
  link.id = LINK_ID;
  link.href = HASH;
  link.textContent = '本月记实';
  link.dataset.pbWidget = 'month-link';
  // Looks like Decap's own 内容 link beside it (its class), in the board's blue.
  link.className = nav.querySelector('a')?.className ?? '';
  link.style.cssText = 'font-weight:600;color:#1f5fa8';
  if (nav.tagName === 'UL') {
    const li = document.createElement('li');
    li.append(link);
    nav.append(li);
  } else nav.append(link);
}

/** Shows or removes the page as the address and Decap's screens change. */
export function syncMonthPage(): void {
  const header = document.querySelector('header');
  if (header) addLink(header);
  document.getElementById(LINK_ID)?.setAttribute('aria-current', onMonth() ? 'page' : 'false');
  const page = document.getElementById(PAGE_ID);
  if (!onMonth()) {
    if (page) {
      root?.unmount();
      root = undefined;
      page.remove();
    }
    return;
  }
  // Decap draws its header only for a logged-in user, and drops it for a moment while it re-renders: the page is
  // hidden meanwhile (never over the login screen), but kept, so nothing typed is lost.
  if (page) {
    page.style.display = header ? '' : 'none';
    if (header) page.style.top = `${Math.ceil(header.getBoundingClientRect().bottom)}px`;
    return;
  }
  if (!header) return;
  const box = document.createElement('div');
  box.id = PAGE_ID;
  const top = Math.ceil(header.getBoundingClientRect().bottom);
  box.style.cssText = `position:fixed;top:${top}px;left:0;right:0;bottom:0;overflow:auto;background:#eff0f4;z-index:150`;
  document.body.append(box);
  root = createRoot(box);
  root.render(createElement(MonthPage));
}

export function startMonthPage(): void {
  window.addEventListener('hashchange', syncMonthPage);
  new MutationObserver(() => {
    const page = document.getElementById(PAGE_ID);
    const header = Boolean(document.querySelector('header'));
    if (!document.getElementById(LINK_ID) || onMonth() !== Boolean(page) || (page && (page.style.display === 'none') === header))
      syncMonthPage();
  }).observe(document.body, { childList: true, subtree: true });
  syncMonthPage();
}
