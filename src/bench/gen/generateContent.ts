/**
 * Generates a valid content tree of any size, deterministic for a seed, with
 * realistic distributions: branches of 20–60 members under general branches,
 * 2–3 pledges per active member (0–2 voluntary for retired and frail), monthly
 * records, some overdue, rectifying and late pledges, quarterly checks,
 * half-year bulletins, leader reviews and year-end evaluations.
 *
 * That is the default profile (five-stages, 篇三); `profile` names another
 * preset (src/lib/profiles.ts) and the tree follows its rules: its number of
 * pledges per member (1–4 across the four areas where it sets none), records
 * each month or each semester, checks only with a quarterly check cadence,
 * bulletins each half-year or each semester (and each quarter for orgs that
 * pledge, where the profile says so), mid-year leader reviews only where they
 * are half-yearly, and organisation pledges only where the profile has them:
 * approved by the parent org's secretary, the top org's filed with its upper
 * authority. What the profiles added draws from a stream of its own, so the
 * default tree's other files are what they were.
 *
 * The year end, for the internal build: each evaluation has a self summary and
 * a leader comment per member, rectification for members graded 基本合格 (a
 * few passive, so R13 makes them 不合格), the odd override with its reason, and
 * in some branches the branch's own evaluation (orgResult). Commendations
 * follow the evaluation: members whose combined grade is 优秀 (a few per
 * branch) and the best-scoring branches. The year end draws from a random
 * stream of its own, so the pledges, records, checks and bulletins are the
 * same as without it.
 */
import { stringifyMarkdown } from '../../lib/parseContentFile.ts';
import { combineEvaluation } from '../../lib/combineEvaluation.ts';
import { addDays, isoDate, semestersOverlapping, type IsoDate, type Period } from '../../lib/dates.ts';
import type { MemberEvaluation } from '../../lib/model.ts';
import { owedRecordPeriods } from '../../lib/roundPeriods.ts';
import { defaultProfileId, presets, type Profile, type ProfileId } from '../../lib/profiles.ts';
import { defaultEvaluation } from '../../schemas/site.ts';
import { createRandom, type Random } from './random.ts';
import { assignedPosts, givenChars, orgPledgeTexts, placeNames, pledgeTexts, posts, progressNotes, surnames } from './textPools.ts';

export interface GenerateOptions {
  members: number;
  seed?: number;
  /** The round's year; the round runs 1 January – 31 December. */
  year?: number;
  /** The as-of date written into site.json; defaults to 20 December of the round. */
  asOf?: IsoDate;
  /** The rule profile (preset) the tree follows and site.json names; defaults to five-stages (篇三). */
  profile?: ProfileId;
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
  members: { id: string; status: 'active' | 'retired' | 'frail'; secretary: boolean; committee: boolean; assignedPost?: boolean }[];
}

type Grade = 'excellent' | 'qualified' | 'basic' | 'unqualified';

/** Year-end wording by grade: self summaries (述职) and leader comments. */
const selfSummaries: Record<Grade, string[]> = {
  excellent: [
    '全年承诺事项全部按期完成并销号，每月如实记实，在岗位上发挥了先锋模范作用。',
    '对照承诺逐项落实，带头攻坚重点任务，群众反映良好，自评优秀。',
    '坚持把承诺融入日常工作，结对帮带成效明显，各项措施落实到位。',
  ],
  qualified: [
    '认真履行承诺，按计划推进各项措施，个别事项进度偏慢，已按支部要求补齐。',
    '承诺事项基本完成，记实较为完整，今后在创新工作方法上还需加强。',
    '能够按照承诺要求开展工作，积极参加组织生活，服务群众意识有所增强。',
  ],
  basic: ['承诺推进不够均衡，部分事项未按期完成，记实不够及时，将限期整改。', '对承诺重视不够，措施落实不到位，认识到差距，愿意接受整改。'],
  unqualified: ['承诺事项大多没有落实，对整改要求认识不足。'],
};

const leaderComments: Record<Grade, string[]> = {
  excellent: [
    '带头承诺、带头践诺，承诺事项全部按期销号，在支部中起到了示范作用。',
    '工作主动，措施扎实，群众满意度高，是全支部践诺的标杆。',
    '立足岗位作贡献，结对帮扶成效明显，建议评为优秀。',
  ],
  qualified: [
    '承诺事项落实较好，能发挥党员作用；记实还需更具体，反映实际进展。',
    '能按计划推进承诺，组织纪律观念强；在带动身边群众方面还可加强。',
    '完成了承诺的主要内容，个别事项进度偏慢，下一年度要细化措施、按期销号。',
  ],
  basic: [
    '承诺落实不够到位，记实有缺漏，群众评议中有不满意意见，要求限期整改。',
    '对承诺重视不够，多项措施没有落实，支部已谈心谈话，明确整改要求。',
  ],
  unqualified: ['承诺基本没有落实，经教育帮助仍无明显改进。'],
};

const evaluationBodies = [
  '支部召开民主评诺大会，党员逐一述职，群众代表现场填写满意度测评表，支部书记逐一点评，支部委员会综合确定评议结果。',
  '评诺会前公示了全体党员的承诺和践诺台账；会上党员述诺、群众评诺、领导点评，测评表当场计票。',
];

const branchReviews = [
  {
    achievements: '支部班子带头承诺，承诺上墙公开，践诺台账建立规范。',
    problems: '个别党员记实过于简单，检查发现的问题整改不够及时。',
    direction: '下半年加强季度调度，督促进度偏慢的承诺按期销号。',
  },
  {
    achievements: '组织生活规范，党员承诺紧扣岗位，群众知晓率高。',
    problems: '离退休党员的承诺跟踪不够，台账有缺月。',
    direction: '明确专人负责台账，每月一记实落实到人。',
  },
];

/** What a branch's secretary says for the branch at the year-end 双向述职 (篇三/四). */
const orgReports = [
  '支部书记代表支部述职：党员承诺全部公开，践诺情况按月记实、按季度调度，逾期承诺都督促整改；不足是个别承诺措施不够具体。',
  '支部书记代表支部述职：组织承诺和党员承诺按计划推进，每半年通报一次践诺情况；明年要把承诺和岗位职责结合得更紧。',
];
const orgResultComments = ['支部组织承诺全部落实，台账规范，群众认可度高。', '组织承诺推进有力，个别事项进度偏慢，需加强调度。'];

/** Titles and reasons of the commendations the generator decides. */
const memberHonours = [
  { title: '优秀共产党员', reason: '承诺事项落实扎实，年终评诺综合评定为优秀，群众评议满意率高。' },
  { title: '践诺标兵', reason: '带头承诺、带头践诺，每月记实完整，承诺事项提前完成，经支部党员大会研究，评为践诺标兵。' },
  { title: '共产党员先锋岗', reason: '在设岗定责岗位上认真履职，群众评议满意，评为共产党员先锋岗。' },
];
const branchHonour = {
  title: '先进基层党组织',
  reason: '支部党员承诺践诺扎实，践诺台账记实完整，每季度检查、每半年通报按时开展，年终评诺党员综合得分位居前列。',
};

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
  const profileId = opts.profile ?? defaultProfileId;
  const profile: Profile = presets[profileId];
  // What the profiles added (org pledges, their checks and bulletins) draws from its own stream, so the default
  // tree's other files are as they were before profiles.
  const side = createRandom(((opts.seed ?? 1) * 104729 + 31) >>> 0);
  const orgPledges = profile.orgsPledge;
  // 篇三 names no number of org pledges; the tree gives them 3–5 as 篇四 does.
  const orgRange = profile.orgPledges ?? { min: 3, max: 5 };

  yield [
    'site.json',
    `${JSON.stringify(
      {
        schemaVersion: 1,
        name: '示例县教育系统党委',
        topOrg: 'top',
        upperOrg: { name: '中共示例县委教育工作委员会', secretary: '吴向东' },
        currentRound: round,
        asOf,
        profile: profileId,
        // The legacy record cadence overrides the profile's; only the default tree keeps it, as it always had it.
        ...(profileId === defaultProfileId && { cadence: 'month' }),
        contact: { name: '党委组织办公室', phone: '0000-5550000' },
        evaluation: defaultEvaluation,
      },
      null,
      2,
    )}\n`,
  ];
  yield [`rounds/${round}.md`, markdown({ title: `${year}年度党员“承诺践诺评诺”`, theme: '立足岗位作贡献', start, end })];
  const filedUpward = orgPledges && profile.orgPledgesFiledUpward;
  yield ['orgs/top.md', markdown({ name: '示例县教育系统党委', level: 'committee', unitType: 'government', secretary: 'm1' })];

  const sizes = branchSizes(opts.members, rnd);
  const branches: Branch[] = [];
  let memberNo = 0;
  let generalNo = 0;
  const generalSecretary = new Map<string, string>();
  const generals: string[] = [];
  for (let b = 0; b < sizes.length; b++) {
    if (b % 8 === 0) {
      generalNo += 1;
      // The general branch's secretary is the secretary of its first branch (that branch's first member, next in line).
      generalSecretary.set(`g${generalNo}`, `m${memberNo + 1}`);
      generals.push(`g${generalNo}`);
      yield [
        `orgs/g${generalNo}.md`,
        markdown({
          name: `${placeNames[generalNo % placeNames.length]}片区党总支${generalNo}`,
          level: 'general-branch',
          unitType: 'school',
          parent: 'top',
          secretary: `m${memberNo + 1}`,
          order: generalNo,
        }),
      ];
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
    yield [
      `orgs/${branch.id}.md`,
      markdown({
        name: `${placeNames[b % placeNames.length]}第${b + 1}党支部`,
        level: 'branch',
        unitType,
        parent: branch.parent,
        secretary: branch.members[0].id,
        order: b + 1,
      }),
    ];
  }

  for (const branch of branches) {
    for (const m of branch.members) {
      const roles = [m.secretary && 'secretary', m.committee && 'committee', rnd.chance(0.03) && 'leading-cadre'].filter(Boolean);
      const hasPost = rnd.chance(0.85);
      m.assignedPost = !hasPost;
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
      const count = m.status === 'active' ? activeCount(rnd, profile.memberPledges) : rnd.int(0, 2);
      const used = new Set<string>();
      for (let k = 1; k <= count; k++) {
        let cat = rnd.pick(categories);
        while (used.has(cat) && used.size < categories.length) cat = rnd.pick(categories);
        used.add(cat);
        const id = `${m.id}-${k}`;
        const list = ownerPledges.get(branch.id) ?? [];
        list.push(id);
        ownerPledges.set(branch.id, list);
        yield [
          `pledges/${round}/${id}.md`,
          pledgeFile(rnd, {
            owner: m.id,
            verifier: m.id !== secretary ? secretary : m.id === 'm1' ? branch.members[1].id : 'm1',
            category: cat,
            year,
            asOf,
            cadence: profile.recordCadence,
          }),
        ];
      }
    }
  }

  // Organisation pledges (篇三/四): every org pledges the profile's number, approved by the secretary of its parent
  // org (报上级审定); the top org's by the upper organisation site.json names (review.outsideBy), and filed (review.filedOn).
  const orgPledgeIds = new Map<string, string[]>();
  if (orgPledges) {
    const approverOf = (_org: string, parent: string | undefined) =>
      parent === undefined || parent === 'top' ? 'm1' : generalSecretary.get(parent)!;
    const owners: [string, string | undefined][] = [
      ['top', undefined],
      ...generals.map((g): [string, string] => [g, 'top']),
      ...branches.map((b): [string, string] => [b.id, b.parent]),
    ];
    for (const [org, parent] of owners) {
      const count = side.int(orgRange.min, orgRange.max);
      const cats = shuffled(side, categories);
      const ids: string[] = [];
      for (let k = 1; k <= count; k++) {
        const id = `${org}-${k}`;
        ids.push(id);
        const file = pledgeFile(side, {
          owner: org,
          verifier: approverOf(org, parent),
          category: cats[(k - 1) % cats.length],
          year,
          asOf,
          cadence: profile.recordCadence,
          org: true,
          filed: filedUpward,
          ...(parent === undefined && { upper: '中共示例县委教育工作委员会' }),
        });
        yield [`pledges/${round}/${id}.md`, file];
      }
      orgPledgeIds.set(org, ids);
    }
  }

  const quarters = [
    ['q1', isoDate(year, 3, 31)],
    ['q2', isoDate(year, 6, 30)],
    ['q3', isoDate(year, 9, 30)],
    ['q4', isoDate(year, 12, 31)],
  ] as const;
  // The year end draws from its own stream: adding it left the other draws, and so the pledges, as they were.
  const yearEnd = createRandom(((opts.seed ?? 1) * 7919 + 17) >>> 0);
  const commendations: GeneratedFile[] = [];
  const branchScores: { id: string; score: number }[] = [];
  for (const branch of branches) {
    const urged = ownerPledges.get(branch.id) ?? [];
    // A branch secretary is reviewed by the secretary of the general branch above (R12), who is himself the
    // secretary of its first branch.
    const upperSecretary = generalSecretary.get(branch.parent)!;
    for (const [q, qEnd] of profile.checkCadence === 'quarter' ? quarters : []) {
      if (qEnd > asOf || rnd.chance(0.05)) continue;
      yield [
        `checks/${round}/${branch.id}-${q}.md`,
        markdown(
          {
            org: branch.id,
            quarter: q,
            date: qEnd,
            findings: ['践诺台账记实基本完整', '个别承诺进度偏慢，已提醒'],
            urged: urged.slice(0, 2),
          },
          '对照台账逐项检查。',
        ),
      ];
    }
    if (profile.bulletinCadence === 'semester') yield* semesterBulletins(rnd, branch.id, round, year, asOf);
    else {
      if (isoDate(year, 7, 10) <= asOf && rnd.chance(0.95)) {
        yield [
          `bulletins/${round}/${branch.id}-h1.md`,
          markdown(
            { title: '上半年践诺情况通报', org: branch.id, date: isoDate(year, 7, 10), period: 'h1', kind: 'progress' },
            '上半年党员承诺事项按计划推进，表扬先进，督促后进。',
          ),
        ];
      }
      if (isoDate(year, 12, 31) <= asOf && side.chance(0.95)) yield h2Bulletin(branch.id, round, year);
    }
    if (profile.orgBulletinCadence === 'quarter' && orgPledgeIds.has(branch.id))
      yield* quarterBulletins(side, branch.id, round, year, asOf);
    // Mid-year leader reviews only where the profile reviews every half year (篇三/四); else once, in the evaluation.
    const midYear = profile.leaderReviewCadence === 'half-year';
    for (const m of midYear ? branch.members : []) {
      if (m.status !== 'active' || isoDate(year, 6, 20) > asOf || rnd.chance(0.1)) continue;
      const reviewer = m.secretary ? upperSecretary : branch.members[0].id;
      yield [
        `reviews/${round}/${m.id}-h1.md`,
        markdown({
          reviewer,
          subject: m.id,
          date: isoDate(year, 6, 20),
          period: 'h1',
          achievements: '承诺事项推进有序。',
          problems: '记实还不够具体。',
          direction: '下半年细化措施，按期销号。',
        }),
      ];
    }
    // The general branch's secretary reviews each branch at mid-year (the review of a branch, beside its members').
    if (midYear && isoDate(year, 6, 25) <= asOf) {
      yield [
        `reviews/${round}/${branch.id}-h1.md`,
        markdown({
          reviewer: upperSecretary,
          subject: branch.id,
          date: isoDate(year, 6, 25),
          period: 'h1',
          ...yearEnd.pick(branchReviews),
        }),
      ];
    }
    // The second half-year's reviews, once their day has come (after the default as-of date, 20 December).
    if (midYear && isoDate(year, 12, 23) <= asOf) {
      for (const m of branch.members) {
        if (m.status !== 'active' || side.chance(0.05)) continue;
        const reviewer = m.secretary ? upperSecretary : branch.members[0].id;
        yield [
          `reviews/${round}/${m.id}-h2.md`,
          markdown({
            reviewer,
            subject: m.id,
            date: isoDate(year, 12, 22),
            period: 'h2',
            achievements: '全年承诺事项基本落实。',
            problems: '个别措施落实不够及时。',
            direction: '对照评诺意见，明年细化承诺、按期销号。',
          }),
        ];
      }
      yield [
        `reviews/${round}/${branch.id}-h2.md`,
        markdown({ reviewer: upperSecretary, subject: branch.id, date: isoDate(year, 12, 23), period: 'h2', ...side.pick(branchReviews) }),
      ];
    }
    const evalDate = isoDate(year, 12, 18);
    if (evalDate <= asOf) {
      const size = branch.members.length;
      const panel = rnd.chance(0.9) ? Math.ceil((size * 4) / 5) + rnd.int(0, 5) : Math.ceil((size * 4) / 5) - 1;
      const members: MemberEvaluation[] = branch.members.map((m) => {
        const satisfied = rnd.int(Math.floor(panel * 0.6), panel);
        const basic = rnd.int(0, panel - satisfied);
        const entry: MemberEvaluation = {
          member: m.id,
          self: { grade: rnd.chance(0.2) ? 'excellent' : 'qualified' },
          mass: { satisfied, basicallySatisfied: basic, dissatisfied: panel - satisfied - basic },
          leader: {
            by: m.secretary ? upperSecretary : branch.members[0].id,
            grade: rnd.chance(0.15) ? 'excellent' : rnd.chance(0.05) ? 'basic' : 'qualified',
          },
        };
        return yearEndText(yearEnd, entry, panel, asOf);
      });
      const results = members.map((e) => combineEvaluation(e, defaultEvaluation));
      // Some branches are evaluated themselves too, by members' and masses' representatives (the provincial variant).
      const deputies = Math.max(3, Math.round(size / 3));
      const masses = Math.max(3, Math.round(panel / 3));
      const orgResult = yearEnd.chance(0.3) && {
        evaluators: `党员代表 ${deputies} 人、群众代表 ${masses} 人`,
        ...votes(yearEnd, deputies + masses),
        grade: yearEnd.chance(0.4) ? 'excellent' : 'qualified',
        comment: yearEnd.pick(orgResultComments),
      };
      // 篇三/四 evaluate at the 双向述职: the branch and every member report first, and the panel is 党员代表、人大代表和
      // 群众代表. Split and written without a draw of chance, so every other file of the tree stays as it was.
      const twoWay = profile.twoWayReport
        ? {
            panel: { partyReps: Math.ceil(panel / 3), npcDeputies: 1, masses: panel - Math.ceil(panel / 3) - 1 },
            orgReport: { date: evalDate, summary: orgReports[size % orgReports.length] },
            members: members.map((m) => ({ ...m, report: { date: evalDate } })),
          }
        : { panel: { masses: panel }, members };
      yield [
        `evaluations/${round}/${branch.id}.md`,
        markdown(
          {
            org: branch.id,
            date: evalDate,
            panel: twoWay.panel,
            ...('orgReport' in twoWay && { orgReport: twoWay.orgReport }),
            members: twoWay.members,
            ...(orgResult && { orgResult }),
          },
          yearEnd.pick(evaluationBodies),
        ),
      ];
      // The branch decides its commendations the day after the evaluation: a few members graded 优秀.
      const decided = isoDate(year, 12, 19);
      if (decided <= asOf) {
        const excellent = branch.members.filter((_, i) => results[i].grade === 'excellent');
        excellent.slice(0, yearEnd.int(1, 3)).forEach((m, k) => {
          const honour = m.assignedPost && k > 0 ? memberHonours[2] : memberHonours[Math.min(k, 1)];
          commendations.push([
            `commendations/${round}/${m.id}.md`,
            markdown({ subject: m.id, title: honour.title, reason: honour.reason, date: decided }),
          ]);
        });
        const scores = results.flatMap((r) => (r.score === undefined ? [] : [r.score]));
        if (scores.length) branchScores.push({ id: branch.id, score: scores.reduce((a, b) => a + b, 0) / scores.length });
      }
    }
  }

  // The ledger of the orgs above the branches that pledge themselves: their checks and bulletins.
  for (const org of orgPledgeIds.has('top') ? ['top', ...generals] : []) {
    const urged = orgPledgeIds.get(org)!.slice(0, 1);
    for (const [q, qEnd] of profile.checkCadence === 'quarter' ? quarters : []) {
      if (qEnd > asOf || side.chance(0.05)) continue;
      yield [
        `checks/${round}/${org}-${q}.md`,
        markdown(
          { org, quarter: q, date: qEnd, findings: ['组织承诺按计划推进', '记实及时，个别事项需加快进度'], urged },
          '对照组织承诺逐项调度。',
        ),
      ];
    }
    if (profile.orgBulletinCadence === 'quarter') yield* quarterBulletins(side, org, round, year, asOf);
    else if (profile.bulletinCadence === 'semester') yield* semesterBulletins(side, org, round, year, asOf);
    else {
      if (isoDate(year, 7, 10) <= asOf && side.chance(0.95))
        yield [
          `bulletins/${round}/${org}-h1.md`,
          markdown(
            { title: '上半年承诺践诺情况通报', org, date: isoDate(year, 7, 10), period: 'h1', kind: 'progress' },
            '上半年组织承诺和党员承诺按计划推进。',
          ),
        ];
      if (isoDate(year, 12, 31) <= asOf && side.chance(0.95)) yield h2Bulletin(org, round, year);
    }
  }

  // The best-scoring fifth of the branches (at least one) are commended as branches.
  const best = [...branchScores]
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, Math.max(1, Math.round(branchScores.length / 5)));
  for (const b of best) {
    commendations.push([
      `commendations/${round}/${b.id}.md`,
      markdown({ subject: b.id, title: branchHonour.title, reason: branchHonour.reason, date: isoDate(year, 12, 19) }),
    ]);
  }
  yield* commendations;
}

/** How many pledges an active member makes: 2–3 as always for 篇三/四, within the profile's range, or 1–4 across the four areas where it sets no number. */
function activeCount(rnd: Random, range: Profile['memberPledges']): number {
  if (!range) return rnd.int(1, 4);
  if (range.min === 2 && range.max === 3) return rnd.chance(0.3) ? 2 : 3;
  return rnd.int(range.min, Math.min(range.max, categories.length));
}

/** The items in an order drawn from `rnd` (Fisher–Yates). */
function shuffled<T>(rnd: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The second half-year's bulletin, on the round's last day. */
function h2Bulletin(org: string, round: string, year: number): GeneratedFile {
  return [
    `bulletins/${round}/${org}-h2.md`,
    markdown(
      { title: '下半年践诺情况通报', org, date: isoDate(year, 12, 31), period: 'h2', kind: 'progress' },
      '下半年承诺事项推进情况通报，表扬先进，督促后进。',
    ),
  ];
}

/**
 * Semester bulletins (篇一/二: 通报表扬 each semester): the spring semester's at its end in July, the autumn
 * semester's on the round's last days, each once its date has come; now and then one is missed (an R8 gap).
 */
function* semesterBulletins(rnd: Random, org: string, round: string, year: number, asOf: IsoDate): Generator<GeneratedFile> {
  const terms = [
    { period: 'spring', title: '春季学期践诺情况通报', date: isoDate(year, 7, rnd.int(3, 10)) },
    { period: 'autumn', title: '秋季学期践诺情况通报', date: isoDate(year, 12, rnd.int(28, 31)) },
  ];
  for (const t of terms) {
    if (t.date > asOf || rnd.chance(0.05)) continue;
    yield [
      `bulletins/${round}/${org}-${t.period}.md`,
      markdown(
        { title: t.title, org, date: t.date, period: t.period, kind: 'commendation' },
        '本学期党员承诺事项按计划推进，对践诺突出的党员通报表扬，对进度偏慢的督促整改。',
      ),
    ];
  }
}

/** Quarterly bulletins of an org's own pledges (篇四: 组织承诺每季度通报), on each quarter's last days. */
function* quarterBulletins(rnd: Random, org: string, round: string, year: number, asOf: IsoDate): Generator<GeneratedFile> {
  const names = ['第一季度', '第二季度', '第三季度', '第四季度'];
  for (let q = 1; q <= 4; q++) {
    const date = addDays(isoDate(year, q * 3, 1), rnd.int(24, 27));
    if (date > asOf || rnd.chance(0.05)) continue;
    yield [
      `bulletins/${round}/${org}-q${q}.md`,
      markdown(
        { title: `${names[q - 1]}组织承诺践诺情况通报`, org, date, period: `q${q}`, kind: 'progress' },
        '本季度组织承诺各项措施落实情况通报。',
      ),
    ];
  }
}

/** Satisfied, basically satisfied and dissatisfied votes of `panel` evaluators, mostly satisfied. */
function votes(rnd: Random, panel: number): { satisfied: number; basicallySatisfied: number; dissatisfied: number } {
  const satisfied = rnd.int(Math.floor(panel * 0.7), panel);
  const basicallySatisfied = rnd.int(0, panel - satisfied);
  return { satisfied, basicallySatisfied, dissatisfied: panel - satisfied - basicallySatisfied };
}

/**
 * The year-end text of one member's evaluation: a few stand out (优秀 throughout, nearly every vote 满意),
 * every member gets a self summary and a leader comment, a member the leader grades 基本合格 must rectify
 * (one in five passively, which R13 makes 不合格), and now and then the branch overrides a grade with its reason.
 */
function yearEndText(rnd: Random, e: MemberEvaluation, panel: number, asOf: IsoDate): MemberEvaluation {
  const out: MemberEvaluation = { ...e, self: { ...e.self! }, mass: { ...e.mass }, leader: { ...e.leader! } };
  if (out.leader!.grade !== 'basic' && rnd.chance(0.1)) {
    out.self!.grade = 'excellent';
    out.leader!.grade = 'excellent';
    const dissatisfied = 0;
    const basicallySatisfied = rnd.int(0, Math.floor(panel / 10));
    out.mass = { satisfied: panel - basicallySatisfied - dissatisfied, basicallySatisfied, dissatisfied };
  }
  const leaderGrade = out.leader!.grade as Grade;
  if (leaderGrade === 'basic') out.self!.grade = 'basic';
  out.self!.summary = rnd.pick(selfSummaries[out.self!.grade as Grade]);
  out.leader!.comment = rnd.pick(leaderComments[leaderGrade]);
  if (leaderGrade === 'basic') {
    const attitude = rnd.chance(0.2) ? 'passive' : 'active';
    out.rectification = { required: true, deadline: addDays(asOf, 30), attitude, done: false };
  } else if (leaderGrade === 'qualified' && rnd.chance(0.02)) {
    out.final = { grade: 'excellent', reason: '经支部委员会集体研究，考虑其全年带病坚持工作、承诺事项全部按期销号，改定为优秀。' };
  }
  return out;
}

interface PledgeOptions {
  owner: string;
  verifier: string;
  category: (typeof categories)[number];
  year: number;
  asOf: IsoDate;
  cadence: Profile['recordCadence'];
  /** An organisation's pledge (组织承诺). */
  org?: boolean;
  /** Filed with the upper organisation (报上级审定备案) a few days after its approval. */
  filed?: boolean;
  /** The top org's pledges: approved (审定) by this upper organisation, outside the content, not by `verifier`. */
  upper?: string;
}

function pledgeFile(rnd: Random, o: PledgeOptions): string {
  const text = rnd.pick((o.org ? orgPledgeTexts : pledgeTexts)[o.category]);
  const roll = rnd.next();
  const review: { status: string; by?: string; outsideBy?: string; date?: string; note?: string } =
    roll < 0.9
      ? { status: 'approved', ...(o.upper ? { outsideBy: o.upper } : { by: o.verifier }), date: isoDate(o.year, 2, rnd.int(10, 28)) }
      : roll < 0.94
        ? { status: 'submitted' }
        : roll < 0.97
          ? { status: 'revise', ...(o.upper ? {} : { by: o.verifier }), date: isoDate(o.year, 2, 15), note: '措施不够具体，请修改完善。' }
          : { status: 'draft' };
  const deadlineMonth = rnd.chance(0.2) ? rnd.int(3, 8) : rnd.int(9, 12);
  const deadline = addDays(isoDate(deadlineMonth === 12 ? o.year + 1 : o.year, deadlineMonth === 12 ? 1 : deadlineMonth + 1, 1), -1);
  if (o.filed && review.status === 'approved') Object.assign(review, { filedOn: addDays(review.date as string, rnd.int(2, 8)) });
  const front: Record<string, unknown> = {
    owner: o.owner,
    ...(o.org && { ownerKind: 'org' }),
    category: o.category,
    title: text.title,
    measures: text.measures,
    deadline,
    review,
  };
  if (review.status !== 'approved') return markdown(front, text.body);

  const past = deadline < o.asOf;
  const fate = past
    ? rnd.chance(0.6)
      ? 'closed'
      : rnd.chance(0.4)
        ? 'late'
        : rnd.chance(0.5)
          ? 'rectifying'
          : 'overdue'
    : rnd.chance(0.15)
      ? 'early'
      : 'open';
  let closedOn: IsoDate | undefined;
  if (fate === 'closed') closedOn = addDays(deadline, -rnd.int(0, 20));
  if (fate === 'late') closedOn = addDays(deadline, rnd.int(1, 25));
  if (fate === 'early') closedOn = addDays(o.asOf, -rnd.int(1, 60));
  if (closedOn && closedOn > o.asOf) closedOn = o.asOf;
  if (closedOn && closedOn < (review.date as string)) closedOn = review.date as string;

  const lastDay = closedOn ?? o.asOf;
  const final = closedOn ? 100 : rnd.int(30, 90);
  const dates =
    o.cadence === 'month' ? monthlyDates(rnd, review.date as string, lastDay) : semesterDates(rnd, review.date as string, lastDay);
  const records = dates.map((date, i) => ({
    date,
    note: rnd.pick(progressNotes),
    progress: Math.min(95, Math.round(((i + 1) / (dates.length + 1)) * final)),
  }));
  if (closedOn) records.push({ date: closedOn, note: '全部完成，申请销号', progress: 100 });
  if (records.length) front.records = records;
  if (closedOn) front.closed = { date: closedOn, verifiedBy: o.verifier };
  if (fate === 'rectifying') front.rectification = { note: '支部已督促，限期完成', deadline: addDays(o.asOf, rnd.int(10, 60)) };
  return markdown(front, text.body);
}

/**
 * Most owed months (R6's, approval month included when approved in its first half) get one record; some branches
 * also record mid-month; a few months are missed (R6 gaps).
 */
function monthlyDates(rnd: Random, approved: IsoDate, lastDay: IsoDate): IsoDate[] {
  const months = owedRecordPeriods('month', approved, lastDay);
  // The mid-month record only when it falls after the approval (in the approval month it may not).
  const mid = (m: Period) => (addDays(m.start, 14) > approved ? [addDays(m.start, 14)] : []);
  return months.flatMap((m) =>
    rnd.chance(0.04) ? [] : rnd.chance(0.3) ? [...mid(m), addDays(m.end, -rnd.int(0, 5))] : [addDays(m.end, -rnd.int(0, 5))],
  );
}

/**
 * 每学期一记账 (篇一/二): one record near each semester's end (early July, mid-January), or by the last day for the
 * semester under way; a few semesters are missed (R6 gaps).
 */
function semesterDates(rnd: Random, approved: IsoDate, lastDay: IsoDate): IsoDate[] {
  return semestersOverlapping(approved, lastDay).flatMap((s) => {
    if (rnd.chance(0.04)) return [];
    const y = Number(s.key.slice(0, 4));
    const termEnd = s.key.endsWith('spring') ? isoDate(y, 7, rnd.int(1, 10)) : isoDate(y + 1, 1, rnd.int(10, 20));
    const date = termEnd <= lastDay ? termEnd : addDays(lastDay, -rnd.int(0, 5));
    return date > approved && date >= s.start ? [date] : [];
  });
}
