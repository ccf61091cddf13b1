/**
 * Validates parsed content: each file against its schema, then what no single
 * file can tell — that every reference names an existing entry, that pledge
 * deadlines fall inside their round, that the org tree has no cycle.
 */
import { collectionOf, type CollectionName } from '../schemas/collections.ts';
import type { ContentModel, Entry } from '../lib/model.ts';
import { deadlineOutsideRound } from '../lib/deadlineOutsideRound.ts';
import { pledgeRef } from '../lib/pledgeRef.ts';
import { contentLimits, formatCount, type ContentLimits } from '../schemas/contentLimits.ts';
import { problem, type Problem } from '../lib/problem.ts';
import { disposalWithoutUnqualified } from '../lib/disposalWithoutUnqualified.ts';
import { profileResolver } from '../lib/profiles.ts';
import { issueToProblem } from '../lib/issueMessage.ts';
import { renderPrerequisites } from './renderPrerequisites.ts';
import type { RawEntry } from './readContentTree.ts';

type Target = 'members' | 'orgs' | 'pledges' | 'rounds';
const targetNames: Record<Target, string> = { members: '党员', orgs: '党组织', pledges: '承诺', rounds: '轮次' };

function emptyModel(): Omit<ContentModel, 'site'> {
  return { rounds: [], orgs: [], members: [], pledges: [], checks: [], bulletins: [], reviews: [], evaluations: [], commendations: [] };
}

/**
 * Validates every entry; returns the model of the valid ones and every problem.
 * `model` is undefined when `site.json` itself is unusable.
 */
export function validateContent(
  raw: RawEntry[],
  limits: Pick<ContentLimits, 'problemsPerFile'> = contentLimits,
): { model?: ContentModel; problems: Problem[] } {
  const problems: Problem[] = [];
  const ids: Record<Target, Set<string>> = { members: new Set(), orgs: new Set(), pledges: new Set(), rounds: new Set() };
  for (const r of raw) if (r.collection in ids) ids[r.collection as Target].add(r.id);

  const model = emptyModel() as ContentModel;
  let site: Entry<ContentModel['site']['data']> | undefined;
  for (const r of raw) {
    const def = collectionOf(r.collection);
    const result = def.schema.safeParse(r.data);
    if (!result.success) {
      const issues = result.error.issues;
      // A file of thousands of bad items is one mistake repeated: list the first ones and count the rest.
      for (const issue of issues.slice(0, limits.problemsPerFile)) problems.push(issueToProblem(issue, r.file, def.fields, r.data));
      if (issues.length > limits.problemsPerFile) {
        const more = formatCount(issues.length - limits.problemsPerFile);
        problems.push(
          problem({
            file: r.file,
            rule: 'more',
            message: `这个文件还有 ${more} 处问题没有列出（每个文件最多列出 ${limits.problemsPerFile} 处）：请先改正上面的问题。`,
          }),
        );
      }
      continue;
    }
    const entry: Entry<never> = { id: r.id, file: r.file, data: result.data as never, body: r.body, round: r.round };
    if (r.collection === 'site') site = entry;
    else (model[r.collection as Exclude<CollectionName, 'site'>] as Entry<unknown>[]).push(entry);
  }

  const ref = (file: string, field: string, value: string | undefined, to: readonly Target[]) => {
    if (!value || to.some((t) => ids[t].has(value))) return;
    problems.push(
      problem({
        file,
        field,
        rule: 'ref',
        message: `找不到编号为“${value}”的${to.map((t) => targetNames[t]).join('或')}。请检查拼写，或先建立它。`,
      }),
    );
  };

  // A CMS-made file carries its own id and round; they must agree with where the file is.
  for (const e of [...model.rounds, ...model.orgs, ...model.members] as Entry<{ id?: string }>[]) {
    if (e.data.id && e.data.id !== e.id) {
      problems.push(
        problem({
          file: e.file,
          field: 'id',
          rule: 'id',
          message: `编号“${e.data.id}”与文件名“${e.id}”不一致，请改成一样的。`,
        }),
      );
    }
  }
  for (const e of [
    ...model.pledges,
    ...model.checks,
    ...model.bulletins,
    ...model.reviews,
    ...model.evaluations,
    ...model.commendations,
  ] as Entry<{ round?: string }>[]) {
    if (e.data.round && e.data.round !== e.round) {
      problems.push(
        problem({
          file: e.file,
          field: 'round',
          rule: 'round',
          message: `轮次“${e.data.round}”与所在文件夹“${e.round}”不一致。`,
        }),
      );
    }
  }

  if (site) {
    ref(site.file, 'topOrg', site.data.topOrg, ['orgs']);
    ref(site.file, 'currentRound', site.data.currentRound, ['rounds']);
  }
  for (const o of model.orgs) {
    ref(o.file, 'parent', o.data.parent, ['orgs']);
    ref(o.file, 'secretary', o.data.secretary, ['members']);
  }
  checkOrgCycles(model, problems);
  for (const m of model.members) {
    ref(m.file, 'org', m.data.org, ['orgs']);
    ref(m.file, 'supervisor', m.data.supervisor, ['members']);
  }
  const roundsById = new Map(model.rounds.map((r) => [r.id, r.data]));
  const perRound = [...model.pledges, ...model.checks, ...model.bulletins, ...model.reviews, ...model.evaluations, ...model.commendations];
  for (const e of perRound) {
    if (e.round && !ids.rounds.has(e.round)) {
      problems.push(
        problem({
          file: e.file,
          field: 'round',
          rule: 'ref',
          message: `所在文件夹“${e.round}”不是已建立的轮次，请先在“轮次”中建立它，或把文件移到已有轮次的文件夹中。`,
        }),
      );
    }
  }
  for (const p of model.pledges) {
    const d = p.data;
    ref(p.file, 'owner', d.owner, ['members', 'orgs']);
    if (d.ownerKind && ids[d.ownerKind === 'org' ? 'members' : 'orgs'].has(d.owner)) {
      const said = d.ownerKind === 'org' ? '组织承诺' : '党员承诺';
      problems.push(
        problem({
          file: p.file,
          field: 'ownerKind',
          rule: 'owner-kind',
          message: `标为“${said}”，但承诺人“${d.owner}”是${d.ownerKind === 'org' ? '党员' : '党组织'}。`,
        }),
      );
    }
    // 依岗承诺 is a member's pledge on the post the branch set for them (设岗定责); an organisation has no such post.
    if (d.onPost && ids.orgs.has(d.owner)) {
      problems.push(
        problem({
          file: p.file,
          field: 'onPost',
          rule: 'on-post',
          message: `“依岗承诺”是无职党员在支部设定的岗位上作出的承诺，承诺人“${d.owner}”是党组织，不能标为依岗承诺；请取消勾选。`,
        }),
      );
    }
    ref(p.file, 'review.by', d.review.by, ['members']);
    ref(p.file, 'closed.verifiedBy', d.closed?.verifiedBy, ['members']);
    const outside = deadlineOutsideRound(d.deadline, p.round ? roundsById.get(p.round) : undefined);
    if (outside) problems.push(problem({ file: p.file, field: 'deadline', rule: 'R4', message: outside }));
  }
  // An organisation's pledges are approved by its upper organisation (报上级审定备案): by the parent org's secretary
  // or one of its team (a member of the parent with the secretary or committee role). The top org's upper authority
  // is outside the content: it names it in `upperAuthority` (audit R2).
  const orgById = new Map(model.orgs.map((o) => [o.id, o]));
  const memberOf = new Map(model.members.map((m) => [m.id, m]));
  for (const p of model.pledges) {
    const owner = orgById.get(p.data.owner);
    const by = p.data.review.by;
    if (!owner?.data.parent || p.data.review.status !== 'approved' || !by) continue;
    const parent = orgById.get(owner.data.parent);
    const approver = memberOf.get(by);
    if (!parent || !approver) continue;
    const team =
      parent.data.secretary === by ||
      (approver.data.org === parent.id && (approver.data.roles ?? []).some((r) => r === 'secretary' || r === 'committee'));
    if (!team) {
      problems.push(
        problem({
          file: p.file,
          field: 'review.by',
          rule: 'org-approval',
          message: `组织承诺由上级党组织审定：应由${parent.data.name}的书记或班子成员审核，${approver.data.name}不是。`,
        }),
      );
    }
  }
  // Only the top org's own pledges are approved by the upper organisation from outside the content (audit R2).
  const topOrg = site?.data.topOrg;
  for (const p of model.pledges) {
    if (p.data.review.outsideBy && p.data.owner !== topOrg) {
      problems.push(
        problem({
          file: p.file,
          field: 'review.outsideBy',
          rule: 'org-approval',
          message: '“上级审定”只用于最上级组织的组织承诺；其他承诺请在“审核人”中选择本支部或上级组织的审核人。',
        }),
      );
    }
  }
  // The upper organisation's secretary reviews the top org's secretary: someone above it, not one of its own members.
  const upperSecretary = site?.data.upperOrg?.secretary?.trim();
  if (site && upperSecretary) {
    // A member of the top org itself, or a secretary of any org of the content, is not above it. (Other members are
    // not compared: in a 党委 of hundreds of members a namesake of the upper secretary must not stop the build.)
    const secretaries = new Set(model.orgs.map((o) => o.data.secretary));
    const own = model.members.find((m) => m.data.name === upperSecretary && (m.data.org === site?.data.topOrg || secretaries.has(m.id)));
    if (own) {
      problems.push(
        problem({
          file: site.file,
          field: 'upperOrg.secretary',
          rule: 'upper-secretary',
          message: `上级党组织书记“${upperSecretary}”是本组织的党员（${orgById.get(own.data.org)?.data.name ?? own.data.org}，members/${own.id}.md）；这里应填写上级党组织的书记，而不是本组织的人。`,
        }),
      );
    }
  }
  for (const c of model.checks) {
    ref(c.file, 'org', c.data.org, ['orgs']);
    c.data.urged?.forEach((u, i) => ref(c.file, `urged[${i}]`, pledgeRef(u, c.round), ['pledges']));
  }
  for (const b of model.bulletins) {
    ref(b.file, 'org', b.data.org, ['orgs']);
    b.data.pledges?.forEach((u, i) => ref(b.file, `pledges[${i}]`, pledgeRef(u, b.round), ['pledges']));
  }
  for (const r of model.reviews) {
    ref(r.file, 'reviewer', r.data.reviewer, ['members']);
    ref(r.file, 'subject', r.data.subject, ['members', 'orgs']);
  }
  for (const c of model.commendations) ref(c.file, 'subject', c.data.subject, ['members', 'orgs']);
  const memberById = new Map(model.members.map((m) => [m.id, m]));
  const orgName = (id: string) => model.orgs.find((o) => o.id === id)?.data.name ?? id;
  for (const e of model.evaluations) {
    ref(e.file, 'org', e.data.org, ['orgs']);
    e.data.members.forEach((m, i) => {
      ref(e.file, `members[${i}].member`, m.member, ['members']);
      ref(e.file, `members[${i}].leader.by`, m.leader?.by, ['members']);
      // A branch evaluates its own members: one of another branch is evaluated there (and counted in that panel).
      const who = memberById.get(m.member);
      if (who && who.data.org !== e.data.org) {
        problems.push(
          problem({
            file: e.file,
            field: `members[${i}].member`,
            rule: 'other-org',
            message: `党员“${who.data.name}”属于${orgName(who.data.org)}，不是${orgName(e.data.org)}的党员，不能列入本支部的评诺。`,
          }),
        );
      }
    });
  }
  if (!site) return { problems };
  // 组织处置 follows a final 不合格 only; the final result needs the site's evaluation settings and each branch's profile (R13).
  const profileOf = profileResolver(site.data, orgById);
  for (const e of model.evaluations) {
    e.data.members.forEach((m, i) => {
      const message = disposalWithoutUnqualified(
        m,
        memberById.get(m.member)?.data.name ?? m.member,
        site.data.evaluation,
        profileOf(e.data.org),
      );
      if (message) problems.push(problem({ file: e.file, field: `members[${i}].disposal`, rule: 'disposal', message }));
    });
  }
  model.site = site;
  problems.push(...renderPrerequisites(model));
  return { model, problems };
}

function checkOrgCycles(model: ContentModel, problems: Problem[]): void {
  const parent = new Map(model.orgs.map((o) => [o.id, o.data.parent]));
  for (const o of model.orgs) {
    const seen = new Set<string>([o.id]);
    let cur = o.data.parent;
    while (cur) {
      if (seen.has(cur)) {
        const chain = [...seen, cur];
        // A long chain is shown by its ends: the message stays readable whatever the tree holds.
        const shown = chain.length > 12 ? [...chain.slice(0, 6), '…', ...chain.slice(-5)] : chain;
        problems.push(
          problem({
            file: o.file,
            field: 'parent',
            rule: 'cycle',
            message: `上级组织形成了循环（${shown.join(' → ')}），请改正“上级组织”。`,
          }),
        );
        break;
      }
      seen.add(cur);
      cur = parent.get(cur);
    }
  }
}
