/**
 * Generates a valid content tree of any size, deterministic for a seed, with
 * realistic distributions: branches of 20–60 members under general branches,
 * 2–3 pledges per active member (0–2 voluntary for retired and frail), monthly
 * records, some overdue, rectifying and late pledges, quarterly checks,
 * half-year bulletins, leader reviews and year-end evaluations.
 */
import { stringifyMarkdown } from '../loader/parseContentFile.ts';
import { addDays, isoDate, monthsOverlapping, type IsoDate } from '../lib/dates.ts';
import { defaultEvaluation } from '../schemas/site.ts';
import { createRandom, type Random } from './random.ts';
import { assignedPosts, givenChars, placeNames, pledgeTexts, posts, progressNotes, surnames } from './textPools.ts';

export interface GenerateOptions {
  members: number;
  seed?: number;
  /** The round's year; the round runs 1 January – 31 December. */
  year?: number;
  /** The as-of date written into site.json; defaults to 20 December of the round. */
  asOf?: IsoDate;
}

/** One file to write: its path under the content folder and its text. */
export type GeneratedFile = [path: string, text: string];

const categories = ['study', 'work', 'discipline', 'service'] as const;

const markdown = stringifyMarkdown;

function personName(rnd: Random): string {
  return rnd.pick(surnames) + rnd.pick(givenChars) + (rnd.chance(0.7) ? rnd.pick(givenChars) : '');
}

interface Branch {
  id: string;
  parent: string;
  members: { id: string; status: 'active' | 'retired' | 'frail'; secretary: boolean; committee: boolean }[];
}

/** Splits `n` members into branches of 20–60 (a last remainder under 20 joins the previous branch). */
function branchSizes(n: number, rnd: Random): number[] {
  const sizes: number[] = [];
  let left = n;
  while (left > 0) {
    const size = Math.min(left, rnd.int(20, 60));
    sizes.push(size);
    left -= size;
  }
  if (sizes.length > 1 && sizes[sizes.length - 1] < 20) sizes[sizes.length - 2] += sizes.pop() as number;
  return sizes;
}

/** Yields every file of the tree, in a fixed order. */
export function* generateContent(opts: GenerateOptions): Generator<GeneratedFile> {
  const rnd = createRandom(opts.seed ?? 1);
  const year = opts.year ?? 2026;
  const round = String(year);
  const start = isoDate(year, 1, 1);
  const end = isoDate(year, 12, 31);
  const asOf = opts.asOf ?? isoDate(year, 12, 20);

  yield [
    'site.json',
    `${JSON.stringify(
      {
        schemaVersion: 1,
        name: '示例县教育系统党委',
        topOrg: 'top',
        currentRound: round,
        asOf,
        cadence: 'month',
        contact: { name: '党委组织办公室', phone: '0000-5550000' },
        evaluation: defaultEvaluation,
      },
      null,
      2,
    )}\n`,
  ];
  yield [`rounds/${round}.md`, markdown({ title: `${year}年度党员“承诺践诺评诺”`, theme: '立足岗位作贡献', start, end })];
  yield ['orgs/top.md', markdown({ name: '示例县教育系统党委', level: 'committee', unitType: 'government', secretary: 'm1' })];

  const sizes = branchSizes(opts.members, rnd);
  const branches: Branch[] = [];
  let memberNo = 0;
  let generalNo = 0;
  for (let b = 0; b < sizes.length; b++) {
    if (b % 8 === 0) {
      generalNo += 1;
      yield [`orgs/g${generalNo}.md`, markdown({ name: `${placeNames[generalNo % placeNames.length]}片区党总支${generalNo}`, level: 'general-branch', unitType: 'school', parent: 'top', order: generalNo })];
    }
    const branch: Branch = { id: `b${b + 1}`, parent: `g${generalNo}`, members: [] };
    for (let i = 0; i < sizes[b]; i++) {
      memberNo += 1;
      const roll = rnd.next();
      const status = i < 3 ? 'active' : roll < 0.85 ? 'active' : roll < 0.95 ? 'retired' : 'frail';
      branch.members.push({ id: `m${memberNo}`, status, secretary: i === 0, committee: i === 1 || i === 2 });
    }
    branches.push(branch);
    const unitType = rnd.chance(0.04) ? 'enterprise' : rnd.chance(0.04) ? 'social-org' : 'school';
    yield [`orgs/${branch.id}.md`, markdown({ name: `${placeNames[b % placeNames.length]}第${b + 1}党支部`, level: 'branch', unitType, parent: branch.parent, secretary: branch.members[0].id, order: b + 1 })];
  }

  for (const branch of branches) {
    for (const m of branch.members) {
      const roles = [m.secretary && 'secretary', m.committee && 'committee', rnd.chance(0.03) && 'leading-cadre'].filter(Boolean);
      const hasPost = rnd.chance(0.85);
      yield [
        `members/${m.id}.md`,
        markdown({
          name: personName(rnd),
          org: branch.id,
          ...(roles.length && { roles }),
          ...(hasPost ? { post: rnd.pick(posts) } : { assignedPost: rnd.pick(assignedPosts) }),
          status: m.status,
        }),
      ];
    }
  }

  const ownerPledges = new Map<string, string[]>();
  for (const branch of branches) {
    const secretary = branch.members[0].id;
    for (const m of branch.members) {
      const count = m.status === 'active' ? (rnd.chance(0.3) ? 2 : 3) : rnd.int(0, 2);
      const used = new Set<string>();
      for (let k = 1; k <= count; k++) {
        let cat = rnd.pick(categories);
        while (used.has(cat) && used.size < categories.length) cat = rnd.pick(categories);
        used.add(cat);
        const id = `${m.id}-${k}`;
        const list = ownerPledges.get(branch.id) ?? [];
        list.push(id);
        ownerPledges.set(branch.id, list);
        yield [`pledges/${round}/${id}.md`, pledgeFile(rnd, { owner: m.id, verifier: m.id !== secretary ? secretary : m.id === 'm1' ? branch.members[1].id : 'm1', category: cat, year, asOf })];
      }
    }
  }

  const quarters = [
    ['q1', isoDate(year, 3, 31)],
    ['q2', isoDate(year, 6, 30)],
    ['q3', isoDate(year, 9, 30)],
    ['q4', isoDate(year, 12, 31)],
  ] as const;
  for (const branch of branches) {
    const urged = ownerPledges.get(branch.id) ?? [];
    for (const [q, qEnd] of quarters) {
      if (qEnd > asOf || rnd.chance(0.05)) continue;
      yield [`checks/${round}/${branch.id}-${q}.md`, markdown({ org: branch.id, quarter: q, date: qEnd, findings: ['践诺台账记实基本完整', '个别承诺进度偏慢,已提醒'], urged: urged.slice(0, 2) }, '对照台账逐项检查。')];
    }
    if (isoDate(year, 7, 10) <= asOf && rnd.chance(0.95)) {
      yield [`bulletins/${round}/${branch.id}-h1.md`, markdown({ title: '上半年践诺情况通报', org: branch.id, date: isoDate(year, 7, 10), period: 'h1', kind: 'progress' }, '上半年党员承诺事项按计划推进,表扬先进,督促后进。')];
    }
    for (const m of branch.members) {
      if (m.status !== 'active' || isoDate(year, 6, 20) > asOf || rnd.chance(0.1)) continue;
      const reviewer = m.secretary ? 'm1' : branch.members[0].id;
      yield [`reviews/${round}/${m.id}-h1.md`, markdown({ reviewer, subject: m.id, date: isoDate(year, 6, 20), period: 'h1', achievements: '承诺事项推进有序。', problems: '记实还不够具体。', direction: '下半年细化措施,按期销号。' })];
    }
    const evalDate = isoDate(year, 12, 18);
    if (evalDate <= asOf) {
      const size = branch.members.length;
      const panel = rnd.chance(0.9) ? Math.ceil((size * 4) / 5) + rnd.int(0, 5) : Math.ceil((size * 4) / 5) - 1;
      const members = branch.members.map((m) => {
        const satisfied = rnd.int(Math.floor(panel * 0.6), panel);
        const basic = rnd.int(0, panel - satisfied);
        return {
          member: m.id,
          self: { grade: rnd.chance(0.2) ? 'excellent' : 'qualified' },
          mass: { satisfied, basicallySatisfied: basic, dissatisfied: panel - satisfied - basic },
          leader: { by: m.secretary ? 'm1' : branch.members[0].id, grade: rnd.chance(0.15) ? 'excellent' : rnd.chance(0.05) ? 'basic' : 'qualified' },
        };
      });
      yield [`evaluations/${round}/${branch.id}.md`, markdown({ org: branch.id, date: evalDate, panel: { masses: panel }, members }, '召开民主评诺会。')];
    }
  }
}

function pledgeFile(rnd: Random, o: { owner: string; verifier: string; category: (typeof categories)[number]; year: number; asOf: IsoDate }): string {
  const text = rnd.pick(pledgeTexts[o.category]);
  const roll = rnd.next();
  const review =
    roll < 0.9
      ? { status: 'approved', by: o.verifier, date: isoDate(o.year, 2, rnd.int(10, 28)) }
      : roll < 0.94
        ? { status: 'submitted' }
        : roll < 0.97
          ? { status: 'revise', by: o.verifier, date: isoDate(o.year, 2, 15), note: '措施不够具体,请修改完善。' }
          : { status: 'draft' };
  const deadlineMonth = rnd.chance(0.2) ? rnd.int(3, 8) : rnd.int(9, 12);
  const deadline = addDays(isoDate(deadlineMonth === 12 ? o.year + 1 : o.year, deadlineMonth === 12 ? 1 : deadlineMonth + 1, 1), -1);
  const front: Record<string, unknown> = { owner: o.owner, category: o.category, title: text.title, measures: text.measures, deadline, review };
  if (review.status !== 'approved') return markdown(front, text.body);

  const past = deadline < o.asOf;
  const fate = past ? (rnd.chance(0.6) ? 'closed' : rnd.chance(0.4) ? 'late' : rnd.chance(0.5) ? 'rectifying' : 'overdue') : rnd.chance(0.15) ? 'early' : 'open';
  let closedOn: IsoDate | undefined;
  if (fate === 'closed') closedOn = addDays(deadline, -rnd.int(0, 20));
  if (fate === 'late') closedOn = addDays(deadline, rnd.int(1, 25));
  if (fate === 'early') closedOn = addDays(o.asOf, -rnd.int(1, 60));
  if (closedOn && closedOn > o.asOf) closedOn = o.asOf;
  if (closedOn && closedOn < (review.date as string)) closedOn = review.date as string;

  const lastDay = closedOn ?? o.asOf;
  const months = monthsOverlapping(review.date as string, lastDay).filter((m) => m.start > (review.date as string) && m.end <= lastDay);
  const final = closedOn ? 100 : rnd.int(30, 90);
  // Most months get one record; some branches also record mid-month; a few months are missed (R6 gaps).
  const dates = months.flatMap((m) => (rnd.chance(0.04) ? [] : rnd.chance(0.3) ? [addDays(m.start, 14), addDays(m.end, -rnd.int(0, 5))] : [addDays(m.end, -rnd.int(0, 5))]));
  const records = dates.map((date, i) => ({ date, note: rnd.pick(progressNotes), progress: Math.min(95, Math.round(((i + 1) / (dates.length + 1)) * final)) }));
  if (closedOn) records.push({ date: closedOn, note: '全部完成,申请销号', progress: 100 });
  if (records.length) front.records = records;
  if (closedOn) front.closed = { date: closedOn, verifiedBy: o.verifier };
  if (fate === 'rectifying') front.rectification = { note: '支部已督促,限期完成', deadline: addDays(o.asOf, rnd.int(10, 60)) };
  return markdown(front, text.body);
}
