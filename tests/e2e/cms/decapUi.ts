/**
 * Driving Decap CMS 3.16's real UI in Chinese (locale zh_Hans): fields are
 * found by their visible Chinese label (`<label for=…>` → the control's id),
 * never by generated class names, so the helpers read the way a branch
 * secretary would describe the form.
 *
 * What the UI looks like (learned by driving it):
 * - login page: one button 登录 (local backend, no password);
 * - sidebar collection links: 党员, 承诺事项 …; the new-entry button of a collection reads `＋ <label_singular>`
 *   (full-width plus: `＋ 党员`, `＋ 承诺`);
 * - editor toolbar in the simple publish mode that decap-server's fs mode falls back to: `保存` opens a menu
 *   立即保存 / 保存，然后新建条目 / 保存，然后复制此条目 (the admin's locale says 保存 there: it only writes the file;
 *   with the review workflow the same button is 发布); the back link reads 正在“承诺事项”栏目中编写;
 * - labels of optional fields end in ` (选填)`, of fields required only in a state in `（审核通过时必填）` (the admin's
 *   field wrapper rewrites Decap's mark); each field block is a `div[aria-label=“<widget>”填写项]`; list widgets
 *   have a button `新增<label>`; collapsed objects have a `[data-testid=expand-button][aria-label=展开]` button in
 *   their top bar (收起 once open);
 * - select widgets are Decap's react-select comboboxes: click the input, type, click `role=option`;
 * - relations are the admin's own `ref` widget, a native `<select>` (plus a filter `<input type=search>` from 30
 *   options) with options like `陈慧 · 第一教师党支部（初中部）` for members and the name for orgs; the `round`
 *   widget is a native `<select>` with the current round preselected on a new entry (`2025年度…（2025）`) and a
 *   read-only input on an existing one; file ids (党员编号 …) are a text input on a new entry;
 * - dates are the admin's `day` widget: the labelled text input takes YYYY-MM-DD (`fill('2025-06-30')`), beside an
 *   `<input type=date aria-label=在日历中选择…>`;
 * - a refused save lists the reasons above each field (`[class*=ControlErrorsList] li`, e.g.
 *   “完成进度（%）”必须在 0 和 100 之间, “整改要求”是必填项, “…”的格式不符合要求：<pattern message>); a missing
 *   required field also raises the toast 还有必填项没有填写，请填好后再保存。, a range or pattern error alone shows
 *   no toast; the admin's own save rules (e.g. a pledge's cross-field rules) refuse with a toast naming the rule;
 * - a successful save shows a success toast, the badge 修改已保存 and moves to #/collections/<name>/entries/<slug>.
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { browserOptions } from '../browserOptions.ts';

/** How the CMS tests launch Chromium: the e2e tier's options (../browserOptions.ts), plus extra flags (e.g. --host-resolver-rules). */
export function cmsBrowserOptions(extraArgs: string[] = []) {
  return { ...browserOptions, args: [...(browserOptions.args ?? []), ...extraArgs] };
}

/** A Chromium of its own (a fresh profile), for a test file or a bench. */
export function launchCmsBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch(cmsBrowserOptions(extraArgs));
}

/** Every request a context makes and every uncaught page error, for the isolation and error assertions. */
export interface Recorder {
  requests: string[];
  pageErrors: string[];
  /** Request URLs whose host is not one of `hosts`. */
  offMachine(hosts?: string[]): string[];
}

export function record(context: BrowserContext): Recorder {
  const r: Recorder = {
    requests: [],
    pageErrors: [],
    offMachine: (hosts = ['localhost', '127.0.0.1']) =>
      r.requests.filter((u) => {
        if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return false;
        try {
          return !hosts.includes(new URL(u).hostname);
        } catch {
          return true;
        }
      }),
  };
  context.on('request', (req) => r.requests.push(req.url()));
  context.on('page', (p) => p.on('pageerror', (e) => r.pageErrors.push(`${e.name}: ${e.message}`)));
  return r;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Decap admin, driven through its Chinese UI. */
export class DecapUi {
  constructor(readonly page: Page) {}

  /**
   * The `<label>` of a field, by its visible text: an optional field's ` (选填)` suffix, or the state a field is
   * required in (`类别（审核通过时必填）`), is allowed.
   */
  label(text: string, nth = 0): Locator {
    return this.page
      .locator('label')
      .filter({ hasText: new RegExp(`^${escapeRe(text)}( \\(选填\\)|（[^（）]*必填）)?$`) })
      .nth(nth);
  }

  /** The control a label points at (input, textarea, combobox, list or object container). */
  async control(text: string, nth = 0): Promise<Locator> {
    const label = this.label(text, nth);
    await label.waitFor({ timeout: 15_000 });
    const id = await label.getAttribute('for');
    if (!id) throw new Error(`label ${text} has no for=`);
    return this.page.locator(`[id="${id}"]`);
  }

  /** The whole field block (label, errors, control, hint) of a label. */
  container(text: string, nth = 0): Locator {
    // Decap labels each field block `“<widget>”填写项` (editor.editorControl.field.widgetLabel in admin/locale/zhHans.ts).
    return this.label(text, nth).locator('xpath=ancestor::div[contains(@aria-label, "填写项")][1]');
  }

  async fill(text: string, value: string, nth = 0): Promise<void> {
    const c = await this.control(text, nth);
    await c.fill(value);
  }

  /**
   * Picks an option of a select or relation widget. The admin's own `ref` (relations, shown by name:
   * `陈慧 · 第一教师党支部（初中部）`) and `round` widgets are native `<select>`s, picked by the option's text; Decap's
   * select widget is a react-select combobox, where `search` is typed first.
   */
  async pick(text: string, option: string | RegExp, search = ''): Promise<void> {
    const c = await this.control(text);
    if ((await c.evaluate((el) => el.tagName)) === 'SELECT') {
      const options = await c
        .locator('option')
        .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
      const hit = options.find((o) => (typeof option === 'string' ? o.text === option : option.test(o.text)));
      if (!hit) throw new Error(`${text}: no option ${String(option)} among ${options.map((o) => o.text).join(' | ')}`);
      await c.selectOption(hit.value);
      return;
    }
    await c.click();
    if (search) await c.pressSequentially(search, { delay: 20 });
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /**
   * Replaces what a filled-in text field holds, as a person does: select all, type. (Playwright's `fill` selects by
   * script, which Decap's string widget undoes when it restores its caret, so the text lands before the old one.)
   */
  async retype(control: Locator, value: string): Promise<void> {
    await control.click();
    await control.press('ControlOrMeta+a');
    await control.press('Backspace');
    await this.page.keyboard.insertText(value);
  }

  /** Clicks `新增<list label>` of a list widget. */
  async addItem(listLabel: string): Promise<void> {
    await this.page.getByRole('button', { name: `新增${listLabel}` }).click();
  }

  /** Expands a collapsed object widget (its button reads 展开 while collapsed, 收起 once open). */
  async expand(text: string): Promise<void> {
    const button = this.container(text).locator('[data-testid="expand-button"]').first();
    if ((await button.getAttribute('aria-label')) === '展开') await button.click();
  }

  /**
   * Goes to `hash` (`#/collections/…`) in the admin already open in this page, by way of a page that does not
   * exist (页面不存在): Decap keeps an open editor when the address names another entry, without loading it, so
   * passing elsewhere first makes the editor open afresh and load its entry from the server, as in a new tab —
   * without loading the whole admin again. Leaving an unsaved form asks to confirm: the page's dialog handler
   * must accept.
   */
  async navigate(hash: string): Promise<void> {
    await this.page.evaluate(() => {
      location.hash = '#/pb-elsewhere';
    });
    await this.page.getByRole('heading', { name: '页面不存在', exact: true }).waitFor();
    await this.page.evaluate((h) => {
      location.hash = h;
    }, hash);
  }

  /** Logs in with the local backend and waits for the collection list. */
  async login(): Promise<void> {
    await this.page.getByRole('button', { name: '登录', exact: true }).click();
    await this.collectionLink('党员').waitFor({ timeout: 30_000 });
  }

  collectionLink(label: string): Locator {
    return this.page.getByRole('link', { name: label, exact: true });
  }

  async openCollection(label: string): Promise<void> {
    await this.collectionLink(label).click();
    await this.page.getByRole('heading', { name: label, exact: true }).waitFor();
  }

  /** Opens the new-entry form of the open collection (`＋ 党员`). */
  async newEntry(labelSingular: string): Promise<void> {
    await this.page.getByText(`＋ ${labelSingular}`, { exact: true }).click();
    await this.page.getByText(/正在“.+”栏目中编写/).waitFor();
  }

  /** Leaves the editor for the collection list through the back link. */
  async back(): Promise<void> {
    await this.page.getByText(/正在“.+”栏目中编写/).click();
  }

  /** Validation messages shown above fields right now. */
  fieldErrors(): Promise<string[]> {
    return this.page.locator('[class*="ControlErrorsList"] li').allTextContents();
  }

  /** Text of the visible toasts. */
  toasts(): Promise<string[]> {
    return this.page.locator('.Toastify__toast').allTextContents();
  }

  /**
   * 保存 → 立即保存, then waits for the outcome: resolves when the entry is saved
   * (badge 修改已保存 and the editor at /entries/…), or reports why it was refused.
   */
  async publish(): Promise<{ ok: true } | { ok: false; toasts: string[]; fieldErrors: string[] }> {
    // Toasts already there (an earlier save's, still on their way out) are not this save's outcome.
    const earlier = await this.page.locator('.Toastify__toast').evaluateAll((els) => els.map((e) => e.id));
    const fresh = (type: string) => `.Toastify__toast${type}${earlier.map((id) => `:not([id="${id}"])`).join('')}`;
    await this.page.getByRole('button', { name: '保存', exact: true }).click();
    await this.page.getByText('立即保存', { exact: true }).click();
    const saved = this.page.locator(fresh('--success'));
    // Only a missing required field raises a toast; a range or pattern error just shows the message at the field.
    const refused = this.page.locator(`${fresh('--error')}, ${fresh('--warning')}, [class*="ControlErrorsList"] li`);
    await saved.or(refused).first().waitFor({ timeout: 30_000 });
    if (await refused.count()) {
      return { ok: false, toasts: await this.page.locator(fresh('')).allTextContents(), fieldErrors: await this.fieldErrors() };
    }
    await this.page.waitForURL(/#\/collections\/[^/]+\/entries\//, { timeout: 15_000 });
    await this.page.getByText('修改已保存', { exact: true }).waitFor({ timeout: 15_000 });
    // Closed, not waited for: the next save tells its own toasts from these by their ids.
    await this.closeToasts();
    return { ok: true };
  }

  /** Closes the visible toasts at once (no waiting for their way in or out). */
  async closeToasts(): Promise<void> {
    await this.page.evaluate(() => {
      for (const b of document.querySelectorAll<HTMLElement>('.Toastify__close-button')) b.click();
    });
  }

  async dismissToasts(): Promise<void> {
    const close = this.page.locator('.Toastify__close-button');
    for (let i = await close.count(); i > 0; i--)
      await close
        .first()
        .click()
        .catch(() => undefined);
    await this.page
      .locator('.Toastify__toast')
      .first()
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => undefined);
  }
}
