/**
 * Small corrections to Decap's own screens that its config cannot make: the
 * login page names the board; the 媒体 button is hidden while no field takes
 * uploads; a refused save is also announced at the top of the editor; two
 * members of one name and branch are told apart in the members list; and
 * the few accessible names Decap hard-codes in English are given in Chinese.
 * One MutationObserver keeps them true as Decap re-renders.
 */
import { markNamesakeCards } from './namesakeCards.ts';

/** Accessible names and titles Decap writes in English, whatever the locale. */
const englishNames: Record<string, string> = {
  Expand: '展开',
  Collapse: '收起',
  'Set date to now': '设为今天',
  'Account options dropdown': '账户选项',
  'Toggle menu': '切换菜单',
  Close: '关闭',
  'Remove item': '删除此项',
  'Drag to reorder': '拖动以调整顺序',
};

const ALERT_ID = 'pb-editor-alert';
const BOARD_ID = 'pb-board-name';

let boardName = '';
let mediaLabel = '媒体';

/** Decap names each field's box after its widget type (“select”填写项): name it after the field instead. */
function nameFieldBoxes(): void {
  for (const box of document.querySelectorAll<HTMLElement>('[aria-label$="”填写项"]')) {
    const label = box
      .querySelector('label')
      ?.textContent?.replace(/\s*(\((选填|可选)\)|（[^（）]*必填）)\s*$/, '')
      .trim();
    if (label) box.setAttribute('aria-label', `${label}（填写项）`);
  }
}

function tidy(): void {
  nameFieldBoxes();
  markNamesakeCards();
  for (const attr of ['aria-label', 'title']) {
    for (const el of document.querySelectorAll<HTMLElement>(`[${attr}]`)) {
      const zh = englishNames[el.getAttribute(attr) ?? ''];
      if (zh) el.setAttribute(attr, zh);
    }
  }
  // The login page: Decap shows only a logo and the 登录 button.
  const login = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '登录');
  if (login && boardName && !document.getElementById(BOARD_ID)) {
    const heading = document.createElement('h1');
    heading.id = BOARD_ID;
    heading.dataset.pbWidget = 'board-name';
    heading.textContent = `${boardName} · 承诺践诺评诺公开栏内容管理`;
    heading.style.cssText = 'font-size:1.4rem;margin:0 1rem 1.5rem;text-align:center;color:#1f2933';
    login.parentElement?.insertBefore(heading, login);
    // Decap's own logo is the word "Decap": the board's mark instead.
    const logo = login.parentElement?.querySelector<HTMLElement>(':scope > span');
    if (logo?.querySelector('svg')) {
      const mark = document.createElement('img');
      mark.src = '../favicon.svg';
      mark.alt = '';
      mark.width = 96;
      mark.height = 96;
      mark.style.marginBottom = '1.5rem';
      logo.replaceWith(mark);
    }
  }
  for (const b of document.querySelectorAll<HTMLElement>('nav button')) {
    const item = b.closest('li') ?? b;
    if (b.textContent?.trim() === mediaLabel && item.style.display !== 'none') item.style.display = 'none';
  }
  // Leaving the editor takes its alert with it.
  if (!location.hash.includes('/entries/') && !location.hash.includes('/new')) document.getElementById(ALERT_ID)?.remove();
}

/** Starts keeping the admin's screens in order. */
export function startChrome(o: { boardName?: string; mediaLabel?: string }): void {
  boardName = o.boardName ?? '';
  if (o.mediaLabel) mediaLabel = o.mediaLabel;
  if (boardName) document.title = `内容管理 · ${boardName}`;
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      tidy();
    });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'title'] });
  tidy();
}

/** Shows why a save was refused at the top of the editor's form (Decap shows it only as a passing notice). */
export function showEditorAlert(messages: string[]): void {
  clearEditorAlert();
  const box = document.createElement('div');
  box.id = ALERT_ID;
  box.setAttribute('role', 'alert');
  box.dataset.pbWidget = 'alert';
  box.style.cssText =
    'margin:0 0 1rem;padding:0.75rem 1rem;border:2px solid #b42318;border-radius:6px;background:#fef3f2;color:#7a271a;font-size:15px;line-height:1.6';
  const title = document.createElement('strong');
  title.textContent = '没有保存：';
  box.append(title);
  const list = document.createElement('ul');
  list.style.cssText = 'margin:0.25rem 0 0;padding-left:1.2rem';
  for (const m of messages) {
    const li = document.createElement('li');
    li.textContent = m;
    list.append(li);
  }
  box.append(list);
  // The form's scrolling pane: the first field's container.
  const firstField = document.querySelector('[class*="ControlContainer"], [class*="ControlPaneContainer"]');
  const pane = firstField?.closest('[class*="ControlPaneContainer"]') ?? firstField?.parentElement;
  if (pane) pane.prepend(box);
  else {
    box.style.cssText += ';position:fixed;top:4rem;left:1rem;right:1rem;z-index:1000';
    document.body.append(box);
  }
  box.scrollIntoView({ block: 'nearest' });
}

export function clearEditorAlert(): void {
  document.getElementById(ALERT_ID)?.remove();
}
