/**
 * What the public pages take for granted when they render, checked with the
 * content so that `npm run check` refuses it with a message naming the file
 * and field, instead of the build stopping half-way with an error from Astro.
 *
 * The public site is built from the public projection of the content
 * (`projectScope`); a reference can name an entry that exists but that the
 * public scope leaves out. The pages rely on:
 *
 * - the current round being public: every page reads it (src/data/board.ts
 *   cannot build the board without it);
 * - the top org being public, and every public org lying under it through
 *   public orgs: org pages are generated for the top org's subtree only
 *   (board.orgsInOrder), while the home page, member letters and pledge pages
 *   link to the org of every member and org pledge;
 * - the org of a public member being public: the pledge page links to it;
 * - what a public page shows by name being public: the org of a bulletin and
 *   who verified a 销号 (otherwise the page would show a bare id).
 *
 * Missing or invalid entries are reported by validateContent; here they are
 * skipped.
 */
import { collectionOf, type CollectionName } from '../schemas/collections.ts';
import { labelOf, visibilities } from '../schemas/options.ts';
import type { ContentModel, Entry } from '../lib/model.ts';
import { problem, type Problem } from '../lib/problem.ts';
import { projectScope } from '../lib/projectScope.ts';

// Far enough ahead that every public bulletin and every approved pledge counts, whatever the as-of date.
const EVER = '9999-12-31';

function visibilityOf(e: Entry<{ visibility?: string }>, collection: CollectionName): string {
  return labelOf(visibilities, e.data.visibility ?? collectionOf(collection).defaultVisibility);
}

/**
 * The render prerequisites the content does not meet, as errors.
 * @example renderPrerequisites(model) // [{ file: 'content/site.json', field: 'currentRound', rule: 'public-round', … }]
 */
export function renderPrerequisites(model: ContentModel): Problem[] {
  const problems: Problem[] = [];
  const error = (file: string, field: string, rule: string, message: string) => problems.push(problem({ file, field, rule, message }));
  const pub = projectScope(model, 'public', EVER);
  const publicIds = (list: { id: string }[]) => new Set(list.map((e) => e.id));
  const publicOrgs = publicIds(pub.orgs);
  const publicMembers = publicIds(pub.members);
  const org = new Map(model.orgs.map((o) => [o.id, o]));
  const site = model.site;

  const round = model.rounds.find((r) => r.id === site.data.currentRound);
  if (round && !pub.rounds.some((r) => r.id === round.id)) {
    error(
      site.file,
      'currentRound',
      'public-round',
      `当前轮次“${round.id}”（${round.file}）的公开范围是“${visibilityOf(round, 'rounds')}”，公开栏看不到它，网站无法生成。请把该轮次的“公开范围”改为“公开”，或在“当前轮次”中选一个公开的轮次。`,
    );
  }

  const top = org.get(site.data.topOrg);
  if (top && !publicOrgs.has(top.id)) {
    error(
      site.file,
      'topOrg',
      'public-top',
      `顶层组织“${top.id}”（${top.file}）的公开范围是“${visibilityOf(top, 'orgs')}”，公开栏看不到它，首页和各组织的页面无法生成。请把该组织的“公开范围”改为“公开”，或另选顶层组织。`,
    );
  }

  if (top && publicOrgs.has(top.id)) {
    for (const o of pub.orgs) {
      const seen = new Set([o.id]);
      let cur = o;
      while (cur.id !== top.id) {
        const parent = cur.data.parent ? org.get(cur.data.parent) : undefined;
        // A missing parent or a cycle is reported by validateContent.
        if (cur.data.parent && (!parent || seen.has(parent.id))) break;
        if (!parent) {
          error(
            o.file,
            'parent',
            'public-tree',
            `“${o.data.name}”不在顶层组织“${top.data.name}”（${site.file} 的“顶层组织”）之下，公开栏不会为它生成页面，而党员和承诺的页面会链接到它。请把“上级组织”改为顶层组织或它下面的组织。`,
          );
          break;
        }
        if (!publicOrgs.has(parent.id)) {
          error(
            o.file,
            'parent',
            'public-tree',
            `上级组织“${parent.id}”（${parent.file}）的公开范围是“${visibilityOf(parent, 'orgs')}”，公开栏不会为“${o.data.name}”生成页面，而党员和承诺的页面会链接到它。请公开上级组织，或把本组织也设为不公开。`,
          );
          break;
        }
        seen.add(parent.id);
        cur = parent;
      }
    }
  }

  for (const m of pub.members) {
    const home = org.get(m.data.org);
    if (home && !publicOrgs.has(home.id)) {
      error(
        m.file,
        'org',
        'public-org',
        `所在支部“${home.id}”（${home.file}）的公开范围是“${visibilityOf(home, 'orgs')}”，而本党员是公开的：承诺页面会链接到这个看不到的支部。请公开该支部，或把本党员也设为不公开。`,
      );
    }
  }

  const shownByName = (file: string, field: string, id: string | undefined, kind: 'orgs' | 'members') => {
    const target = id ? (kind === 'orgs' ? org.get(id) : model.members.find((x) => x.id === id)) : undefined;
    if (!target || (kind === 'orgs' ? publicOrgs : publicMembers).has(target.id)) return;
    error(
      file,
      field,
      'public-ref',
      `“${target.id}”（${target.file}）的公开范围是“${visibilityOf(target, kind)}”，公开页面上只能显示它的编号。请公开它，或把本文件也设为不公开。`,
    );
  };
  for (const b of pub.bulletins) shownByName(b.file, 'org', b.data.org, 'orgs');
  for (const p of pub.pledges) shownByName(p.file, 'closed.verifiedBy', p.data.closed?.verifiedBy, 'members');

  return problems;
}
