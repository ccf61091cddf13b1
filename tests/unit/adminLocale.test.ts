import { describe, expect, test } from 'vitest';
// @ts-expect-error -- Decap ships its locale sources untyped (no .d.ts);
// the first test checks their shape at run time.
import en from 'decap-cms-locales/src/en/index.js';
import { zhHans } from '../../admin/locale/zhHans.ts';

type Tree = { readonly [key: string]: unknown };

/** Every leaf of a phrase tree as [dotted key path, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]): [string, unknown][] =>
    v !== null && typeof v === 'object' ? leaves(v as Tree, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}

const enLeaves = leaves(en as Tree);
const zh = new Map(leaves(zhHans));
const zhStrings = [...zh].map(([key, value]) => [key, String(value)] as const);

/**
 * Latin words (3+ letters) a Chinese string may keep, each with its reason.
 * Placeholders (%{…}) are not text and are stripped before the check.
 */
const ALLOWED_LATIN: Record<string, string> = {
  // Login services and products: their own names, as on the login page they lead to.
  Netlify: 'Netlify Identity, a login service (product name)',
  Identity: 'Netlify Identity, a login service (product name)',
  Git: 'Git Gateway, a Netlify service (product name)',
  Gateway: 'Git Gateway, a Netlify service (product name)',
  Azure: 'login provider (product name)',
  Bitbucket: 'login provider (product name)',
  GitHub: 'login provider; also where Decap error reports go (product name)',
  GitLab: 'login provider (product name)',
  Gitea: 'login provider (product name)',
  Forgejo: 'login provider (product name)',
  // The broken-configuration message: only a technician fixes it, and must find the file by its name.
  config: 'file name config.yml',
  yml: 'file name config.yml',
  // The key label printed on the keyboard; it has no Chinese name.
  Ctrl: 'keyboard key label',
  // workflow.workflow.dateFormat is a date format for dayjs, never shown: it prints 2026-03-15.
  YYYY: 'dayjs date format token (the card shows YYYY-MM-DD as digits)',
};

/** A Chinese character, or full-width / CJK punctuation. */
const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’…—]';
/** Half-width punctuation that must be full-width next to Chinese text. */
const HALF = `[,:;()!?.'"]`;
const HALF_NEXT_TO_CJK = new RegExp(`${CJK}${HALF}|${HALF}${CJK}`, 'u');

const placeholders = (s: string): string[] => s.match(/%\{[^}]+\}/g) ?? [];

describe('admin zh_Hans locale', () => {
  test('has exactly the key paths of Decap’s English locale, every value a non-empty string', () => {
    expect(enLeaves.length).toBeGreaterThan(200);
    expect([...zh.keys()].sort()).toEqual(enLeaves.map(([key]) => key).sort());
    const bad = enLeaves.filter(([key]) => {
      const v = zh.get(key);
      return typeof v !== 'string' || v.trim() === '';
    });
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  test('keeps every %{placeholder} and the |||| plural forms of the English string', () => {
    const bad = enLeaves.flatMap(([key, value]) => {
      const source = String(value);
      const target = String(zh.get(key) ?? '');
      const lost = placeholders(source).filter((p) => !target.includes(p));
      const forms = (s: string) => s.split('||||').length;
      const ok = !lost.length && forms(source) === forms(target);
      return ok ? [] : [`${key}: ${lost.join(' ')} ${forms(target)} forms`];
    });
    expect(bad).toEqual([]);
  });

  test('has no English words beyond the listed product and file names', () => {
    const bad = zhStrings.flatMap(([key, value]) =>
      (value.replace(/%\{[^}]+\}/g, '').match(/[A-Za-z]{3,}/g) ?? [])
        .filter((word) => !(word in ALLOWED_LATIN))
        .map((word) => `${key}: ${word}`),
    );
    expect(bad).toEqual([]);
  });

  test('uses full-width punctuation next to Chinese text (，：；（）！？ and 。……“”)', () => {
    const bad = zhStrings.filter(([, value]) => HALF_NEXT_TO_CJK.test(value)).map(([key, value]) => `${key}: ${value}`);
    expect(bad).toEqual([]);
  });

  test('says 审核 for review, never 审查, and never mentions UTC', () => {
    const bad = zhStrings.filter(([, value]) => /审查|UTC|世界时/i.test(value)).map(([key]) => key);
    expect(bad).toEqual([]);
  });

  test('names the workflow columns 草稿 / 审核中 / 就绪 everywhere', () => {
    const { editorToolbar } = zhHans.editor;
    const { workflowList } = zhHans.workflow;
    expect([editorToolbar.draft, editorToolbar.inReview, editorToolbar.ready]).toEqual(['草稿', '审核中', '就绪']);
    const headers = [workflowList.draftHeader, workflowList.inReviewHeader, workflowList.readyHeader];
    expect(headers).toEqual(['草稿', '审核中', '就绪']);
    expect(editorToolbar.statusInfoTooltipDraft).toContain('“审核中”');
    expect(zhHans.editor.editor.onPublishingNotReady).toContain('“就绪”');
    expect(workflowList.onPublishingNotReadyEntry).toContain('“就绪”');
  });
});
