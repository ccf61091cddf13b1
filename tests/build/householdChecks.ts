/**
 * 设岗定责 and 共产党员户 as built (篇四, issue 20): tests on examples/provincial, registered by
 * tests/build/examples.test.ts on its own two builds of the example (one per scope), so they cost no build. The
 * public build marks each 共产党员户 on its member's page (the mark is public), labels an assigned post apart from
 * a post and names the post of an on-post pledge (依岗承诺); the internal build prints one plaque per household,
 * and the public build has no plaque page. The internal build knows no public address (no SITE, no url in the
 * example's site.json), so its plaques say so instead of carrying a QR code; tests/e2e/householdPlaque.test.ts
 * prints them with one. What each page should say is worked out from the content, not from src/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { root, walk } from './buildSite.ts';

/** Registers the tests below under the caller's describe, reading the folders in `built` once its beforeAll filled them. */
export function describeHouseholds(built: { public: string; internal: string }): void {
  const dir = join(root, 'examples', 'provincial');
  const checked = checkContent(dir, '2000-01-01', root);
  const model = checked.model!;
  const asOf = checked.asOf!;
  const round = model.site.data.currentRound;
  const org = model.orgs[0];
  const households = model.members.filter((m) => m.data.household);
  const approvedTitles = (owner: string) =>
    model.pledges
      .filter(
        (p) => p.round === round && p.data.owner === owner && p.data.review.status === 'approved' && (p.data.review.date ?? '') <= asOf,
      )
      .map((p) => p.data.title);
  /** Active members without a post (无职党员), given one by the branch (设岗定责). */
  const withoutPost = model.members.filter((m) => !m.data.post && m.data.assignedPost && m.data.status === 'active');
  const onPost = model.pledges.filter((p) => p.round === round && p.data.onPost);

  const html = (scope: keyof typeof built, path: string) => readFileSync(join(built[scope], path, 'index.html'), 'utf8');

  describe('设岗定责 and 共产党员户 (篇四)', () => {
    test('the example has two or three households, a 无职党员 with an assigned post and an on-post pledge of theirs, all public', () => {
      expect(checked.errors).toEqual([]);
      expect(households.length).toBeGreaterThanOrEqual(2);
      expect(households.length).toBeLessThanOrEqual(3);
      expect(withoutPost.length).toBeGreaterThan(0);
      expect(onPost.some((p) => withoutPost.some((m) => m.id === p.data.owner))).toBe(true);
      expect(model.members.every((m) => (m.data.visibility ?? 'public') === 'public')).toBe(true);
    });

    describe('the public build', () => {
      test.each(model.members.map((m) => [m.id, m]))('the page of %s marks a 共产党员户 exactly when the household is one', (id, m) => {
        const page = html('public', `members/${id}`);
        expect((page.match(/data-household\b/g) ?? []).length, id).toBe(m.data.household ? 1 : 0);
        if (m.data.household) expect(page).toMatch(/data-household[^>]*>共产党员户</);
      });

      test('a member without a post shows the assigned post under 设岗定责岗位 and no 工作岗位; one with both shows both, told apart', () => {
        for (const m of withoutPost) {
          const page = html('public', `members/${m.id}`);
          expect(page, m.id).toMatch(new RegExp(`<dt[^>]*>设岗定责岗位</dt>\\s*<dd[^>]*>${m.data.assignedPost}</dd>`));
          expect(page, m.id).not.toContain('工作岗位');
        }
        const both = model.members.find((m) => m.data.post && m.data.assignedPost)!;
        const page = html('public', `members/${both.id}`);
        expect(page).toMatch(new RegExp(`<dt[^>]*>工作岗位</dt>\\s*<dd[^>]*>${both.data.post}</dd>`));
        expect(page).toMatch(new RegExp(`<dt[^>]*>设岗定责岗位</dt>\\s*<dd[^>]*>${both.data.assignedPost}</dd>`));
      });

      test('an on-post pledge names its post (依岗承诺：…) on its own page and on its member’s page; other pledges do not', () => {
        for (const p of onPost) {
          const owner = model.members.find((m) => m.id === p.data.owner)!;
          const line = `依岗承诺：${owner.data.assignedPost ?? owner.data.post}`;
          expect(html('public', `pledges/${p.id}`), p.id).toContain(line);
          expect(html('public', `members/${owner.id}`), p.id).toContain(line);
        }
        const other = model.pledges.find((p) => p.round === round && !p.data.onPost && p.data.review.status === 'approved')!;
        expect(html('public', `pledges/${other.id}`)).not.toContain('依岗承诺');
      });

      test('has no plaque page, and no internal page at all', () => {
        expect(existsSync(join(built.public, 'internal'))).toBe(false);
        expect(walk(built.public).filter((f) => f.includes('household'))).toEqual([]);
      });
    });

    describe('the internal build', () => {
      const path = `internal/print/household/${org.id}`;

      test('prints one plaque per household of the branch, in member order, and nothing for the others', () => {
        const page = html('internal', path);
        const plaques = [...page.matchAll(/data-household-plaque data-member="([^"]+)"/g)].map((x) => x[1]);
        expect([...plaques].sort()).toEqual(households.map((m) => m.id).sort());
        expect(walk(join(built.internal, 'internal/print/household'))).toEqual([`${org.id}/index.html`]);
      });

      test('each plaque says 共产党员户 and carries the name, the branch and the titles of the member’s approved pledges of the round', () => {
        const page = html('internal', path);
        const parts = page.split(/(?=<section[^>]*data-household-plaque)/).slice(1);
        expect(parts).toHaveLength(households.length);
        for (const m of households) {
          const part = parts.find((x) => x.includes(`data-member="${m.id}"`))!;
          expect(part, m.id).toContain('共产党员户');
          expect(part, m.id).toContain(m.data.name);
          expect(part, m.id).toContain(org.data.name);
          const titles = approvedTitles(m.id);
          expect(titles.length, m.id).toBeGreaterThan(0);
          expect([...part.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((x) => x[1]).sort(), m.id).toEqual([...titles].sort());
        }
      });

      test('without a public address a plaque says so in a small line, instead of a QR code that leads nowhere', () => {
        const page = html('internal', path);
        expect(page).not.toContain('<svg');
        expect((page.match(/data-no-qr/g) ?? []).length).toBe(households.length);
        expect(page).toContain('未设置公开栏网址');
      });

      test('the 先锋岗 desk sign of a member without a post shows the assigned post under 设岗定责, and no 岗位 line', () => {
        const page = html('internal', `internal/print/desk-sign/${org.id}`);
        for (const m of withoutPost) {
          const part = page.split(/(?=<div[^>]*data-desk-sign)/).find((x) => x.includes(`data-member="${m.id}"`))!;
          expect((part.match(new RegExp(`>设岗定责</span>${m.data.assignedPost}<`, 'g')) ?? []).length, m.id).toBe(2);
          expect(part, m.id).not.toMatch(/>岗位<\/span>/);
        }
      });

      test('is linked from /internal/ with the other printables', () => {
        expect(html('internal', 'internal')).toMatch(new RegExp(`data-household-links[^>]*>.*href="/${path}/"`, 's'));
      });

      test('marks the households on the members’ pages too (the mark is public, so both builds show it)', () => {
        for (const m of households) expect(html('internal', `members/${m.id}`), m.id).toMatch(/data-household[^>]*>共产党员户</);
      });
    });
  });
}
