/**
 * Nothing leaks (issue 9, issue 22). A copy of the sample content gets a
 * distinct sentinel string in every kind of internal, private and draft
 * content, rounds the scope does not show included; both scopes are built
 * (with a real CMS backend, so the admin is emitted too; on a copy of the
 * project whose media folder holds uploads attached to public, internal and
 * private content, and one attached to nothing) and
 * every emitted file is searched for every sentinel: HTML, JSON, CSV, feeds,
 * the sitemap, JS, source maps, the admin config and Pagefind's index and
 * fragments (gzip, decompressed first), and any zip (.xlsx) entry.
 *
 * - internal: absent from the public build, present in the internal one;
 * - private, and review notes (and body, measures, records) of pledges that
 *   were not approved, and a commendation not decided yet: absent from both;
 * - the titles of pledges under review or sent back: internal only;
 * - the honour roll and the desk signs carry nothing internal, in either build
 *   (but a commendation marked internal, on the internal build's honour roll);
 * - issue 23: a county roll-up of the planted content, public and internal, board included, carries none of the
 *   non-public sentinels: counts only.
 *
 * Sentinels are ASCII words (no hyphen, so Pagefind keeps each one whole),
 * compared case-insensitively (Pagefind lowercases its words); each starts with
 * "Leak" and ends with "7f3a", so no sentinel is part of another. A public
 * control sentinel must be found in the HTML and the Pagefind fragments of both
 * builds: the search itself is shown to work.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { splitFrontMatter, stringifyMarkdown } from '../../src/lib/parseContentFile.ts';
import { copyProject } from '../e2e/cms/cmsServer.ts';
import { rollupCommand } from '../../src/cli/rollup.ts';
import { buildSite, root, walk } from './buildSite.ts';
import { shardRepo } from './shardRepos.ts';

type Kind =
  /** Absent from the public build, present in the internal build. */
  | 'internal'
  /** Absent from the public build; the internal build may show it (not required). */
  | 'internal-optional'
  /** Absent from both builds. */
  | 'never'
  /** Present in both builds (the control). */
  | 'public';

interface Sentinel {
  word: string;
  kind: Kind;
  /** What it was planted in, for the report. */
  what: string;
  /** Where the internal build is expected to show it (for the report when it does not). */
  expectedOn?: string;
}

const sentinels: Sentinel[] = [];
function s(name: string, kind: Kind, what: string, expectedOn?: string): string {
  const word = `Leak${name}7f3a`;
  sentinels.push({ word, kind, what, expectedOn });
  return word;
}

// ---------------------------------------------------------------- the planted content

const plantDir = mkdtempSync(join(tmpdir(), 'leak-content-'));

function read(rel: string): { front: Record<string, unknown>; body: string } {
  const parts = splitFrontMatter(readFileSync(join(plantDir, rel), 'utf8'));
  if (!parts) throw new Error(`${rel} has no front matter`);
  return { front: yaml.load(parts.front) as Record<string, unknown>, body: parts.body };
}

function write(rel: string, front: Record<string, unknown>, body?: string): void {
  mkdirSync(dirname(join(plantDir, rel)), { recursive: true });
  writeFileSync(join(plantDir, rel), stringifyMarkdown(front, body));
}

const internalCommendation = s(
  'InternalCommendationReason',
  'internal',
  'internal commendation reason',
  'honours/ or members/wang-lei/ (internal build)',
);

/** What the internal build's honour roll may show: the internal commendation, and the internal round's (with its title). */
const onInternalRoll = new Set([internalCommendation]);
function roundCommendation(word: string, visibility: string): string {
  if (visibility === 'internal') onInternalRoll.add(word);
  return word;
}

function plant(): void {
  cpSync(join(root, 'content'), plantDir, { recursive: true });

  // The control: public text that both builds must carry (HTML and search fragments).
  const control = read('pledges/2025/chen-hui-study.md');
  const review = control.front.review as Record<string, unknown>;
  control.front.title = `${control.front.title as string}${s('PublicControl', 'public', 'public control: an approved public pledge title')}`;
  // The review note of an approved pledge: inside the organisation only.
  review.note = `审核通过${s('InternalApprovedNote', 'internal-optional', 'review note of an approved pledge')}。`;
  write('pledges/2025/chen-hui-study.md', control.front, control.body);

  // Leader reviews: internal by default.
  const r = read('reviews/2025/chen-hui-h1.md');
  r.front.achievements = `工作积极主动${s('InternalReviewAchievements', 'internal', 'leader review achievements (member)', 'internal/reviews/jiaoshi-yi/')}，起到示范作用。`;
  r.front.problems = s('InternalReviewProblems', 'internal', 'leader review problems (member)', 'internal/reviews/jiaoshi-yi/');
  r.front.direction = `下半年${s('InternalReviewDirection', 'internal', 'leader review direction (member)', 'internal/reviews/jiaoshi-yi/')}`;
  write('reviews/2025/chen-hui-h1.md', r.front, r.body);
  const orgReview = read('reviews/2025/jiaoshi-yi-h1.md');
  orgReview.front.achievements = s('InternalOrgReview', 'internal', 'leader review achievements (branch)', 'internal/reviews/jiaoshi-yi/');
  write('reviews/2025/jiaoshi-yi-h1.md', orgReview.front, orgReview.body);

  // The year-end evaluation: internal by default.
  const e = read('evaluations/2025/jiaoshi-yi.md');
  const members = e.front.members as Record<string, Record<string, unknown>>[];
  (members[0].self as Record<string, unknown>).summary =
    `认真履行承诺${s('InternalEvalSelfSummary', 'internal', 'evaluation self summary', 'internal/results/2025/jiaoshi-yi/')}。`;
  (members[0].leader as Record<string, unknown>).comment = s(
    'InternalEvalLeaderComment',
    'internal',
    'evaluation leader comment',
    'internal/results/2025/jiaoshi-yi/',
  );
  members[1].final = {
    grade: 'qualified',
    reason: `支部研究改定${s('InternalEvalFinalReason', 'internal', 'evaluation final override reason', 'internal/results/2025/jiaoshi-yi/')}`,
  };
  // 双向述职 (篇三/四): the branch's 述职 and each member's; 组织处置 after a final 不合格.
  e.front.orgReport = {
    date: '2025-12-22',
    summary: `支部述职${s('InternalEvalOrgReport', 'internal', 'evaluation orgReport summary (支部述职)', 'internal/results/2025/jiaoshi-yi/')}。`,
  };
  members[0].report = {
    date: '2025-12-22',
    summary: `本人述职${s('InternalEvalMemberReport', 'internal', 'evaluation member report summary (党员述职)', 'internal/results/2025/jiaoshi-yi/')}。`,
  };
  members[2].final = { grade: 'unqualified', reason: '支部大会讨论决定。' };
  members[2].disposal = {
    kind: 'correction',
    date: '2026-01-05',
    note: `限期三个月改正${s('InternalEvalDisposal', 'internal', 'evaluation disposal note (组织处置)', 'internal/results/2025/jiaoshi-yi/')}。`,
  };
  e.front.orgResult = {
    evaluators: `党员代表 12 人、群众代表 8 人${s('InternalEvalOrgEvaluators', 'internal-optional', 'evaluation orgResult evaluators')}`,
    satisfied: 18,
    basicallySatisfied: 2,
    dissatisfied: 0,
    grade: 'excellent',
    comment: s('InternalEvalOrgComment', 'internal', 'evaluation orgResult comment', 'internal/results/2025/jiaoshi-yi/'),
  };
  write(
    'evaluations/2025/jiaoshi-yi.md',
    e.front,
    `${e.body.trim()}\n\n评议会${s('InternalEvalBody', 'internal', 'evaluation body text', 'internal/results/2025/jiaoshi-yi/')}。`,
  );

  // Files marked internal.
  write(
    'pledges/2025/wang-lei-leak-internal.md',
    {
      owner: 'wang-lei',
      category: 'service',
      title: s('InternalPledgeTitle', 'internal', 'internal pledge title', 'members/wang-lei/ (internal build)'),
      measures: [
        s('InternalPledgeMeasure', 'internal', 'internal pledge measure', 'pledges/2025/wang-lei-leak-internal/ (internal build)'),
      ],
      deadline: '2025-12-31',
      review: { status: 'approved', by: 'chen-hui', date: '2025-02-20' },
      records: [
        {
          date: '2025-03-28',
          note: s(
            'InternalPledgeRecord',
            'internal',
            'internal pledge record note',
            'pledges/2025/wang-lei-leak-internal/ (internal build)',
          ),
          progress: 20,
        },
      ],
      visibility: 'internal',
    },
    `内部承诺${s('InternalPledgeBody', 'internal', 'internal pledge body', 'pledges/2025/wang-lei-leak-internal/ (internal build)')}。`,
  );
  write(
    'bulletins/2025/jiaoshi-yi-leak-internal.md',
    {
      title: `内部通报${s('InternalBulletinTitle', 'internal', 'internal bulletin title', 'bulletins/ (internal build)')}`,
      org: 'jiaoshi-yi',
      date: '2025-12-10',
      period: 'year',
      kind: 'urging',
      visibility: 'internal',
    },
    s('InternalBulletinBody', 'internal', 'internal bulletin body', 'bulletins/2025/jiaoshi-yi-leak-internal/ (internal build)'),
  );
  // No page shows a check's findings or text, in either scope (checks are counted: audit, ranking), so the
  // internal build need not show these; the public build must not.
  write(
    'checks/2025/jiaoshi-yi-leak-internal.md',
    {
      org: 'jiaoshi-yi',
      quarter: 'q4',
      date: '2025-12-20',
      findings: [s('InternalCheckFinding', 'internal-optional', 'internal check finding')],
      visibility: 'internal',
    },
    s('InternalCheckBody', 'internal-optional', 'internal check body'),
  );
  write('members/leak-internal-member.md', {
    name: `林${s('InternalMemberName', 'internal', 'internal member name', 'members/leak-internal-member/ (internal build)')}`,
    org: 'jiaoshi-yi',
    post: s('InternalMemberPost', 'internal', 'internal member post', 'members/leak-internal-member/ (internal build)'),
    status: 'retired',
    household: true,
    visibility: 'internal',
  });
  // 共产党员户 is a public mark (篇四 hangs it on the door): a public member's household is marked too.
  const chen = read('members/chen-hui.md');
  write('members/chen-hui.md', { ...chen.front, household: true }, chen.body);
  write('orgs/leak-internal-org.md', {
    name: `${s('InternalOrgName', 'internal', 'internal org name', 'orgs/leak-internal-org/ (internal build)')}党小组`,
    level: 'branch',
    unitType: 'school',
    parent: 'zongzhi',
    order: 8,
    visibility: 'internal',
  });
  write('commendations/2025/leak-internal.md', {
    subject: 'wang-lei',
    title: '践诺标兵',
    reason: internalCommendation,
    date: '2025-12-20',
    visibility: 'internal',
  });

  // Private: absent from both builds, one file of each type that has a visibility.
  write('orgs/leak-private-org.md', {
    name: `${s('PrivateOrgName', 'never', 'private org name')}党小组`,
    level: 'branch',
    unitType: 'school',
    parent: 'zongzhi',
    order: 9,
    visibility: 'private',
  });
  write('members/leak-private-member.md', {
    name: `赵${s('PrivateMemberName', 'never', 'private member name')}`,
    org: 'leak-private-org',
    post: s('PrivateMemberPost', 'never', 'private member post'),
    status: 'active',
    visibility: 'private',
  });
  write(
    'pledges/2025/wang-lei-leak-private.md',
    {
      owner: 'wang-lei',
      category: 'study',
      title: s('PrivatePledgeTitle', 'never', 'private (approved) pledge title'),
      measures: [s('PrivatePledgeMeasure', 'never', 'private pledge measure')],
      deadline: '2025-12-31',
      review: { status: 'approved', by: 'chen-hui', date: '2025-02-20' },
      records: [{ date: '2025-03-28', note: s('PrivatePledgeRecord', 'never', 'private pledge record note'), progress: 20 }],
      visibility: 'private',
    },
    s('PrivatePledgeBody', 'never', 'private pledge body'),
  );
  write(
    'bulletins/2025/zongzhi-leak-private.md',
    {
      title: s('PrivateBulletinTitle', 'never', 'private bulletin title'),
      org: 'zongzhi',
      date: '2025-12-10',
      period: 'year',
      kind: 'progress',
      visibility: 'private',
    },
    s('PrivateBulletinBody', 'never', 'private bulletin body'),
  );
  write(
    'checks/2025/zongzhi-leak-private.md',
    {
      org: 'zongzhi',
      quarter: 'q4',
      date: '2025-12-20',
      findings: [s('PrivateCheckFinding', 'never', 'private check finding')],
      visibility: 'private',
    },
    s('PrivateCheckBody', 'never', 'private check body'),
  );
  write('reviews/2025/wang-lei-leak-private.md', {
    reviewer: 'chen-hui',
    subject: 'wang-lei',
    date: '2025-12-15',
    period: 'year',
    achievements: s('PrivateReviewAchievements', 'never', 'private review achievements'),
    problems: s('PrivateReviewProblems', 'never', 'private review problems'),
    direction: s('PrivateReviewDirection', 'never', 'private review direction'),
    visibility: 'private',
  });
  write(
    'evaluations/2025/leak-private-org.md',
    {
      org: 'leak-private-org',
      date: '2025-12-20',
      panel: { masses: 1 },
      members: [
        {
          member: 'leak-private-member',
          self: { grade: 'qualified', summary: s('PrivateEvalSelfSummary', 'never', 'private evaluation self summary') },
          mass: { satisfied: 1, basicallySatisfied: 0, dissatisfied: 0 },
          leader: {
            by: 'zhou-jianguo',
            grade: 'qualified',
            comment: s('PrivateEvalLeaderComment', 'never', 'private evaluation leader comment'),
          },
        },
      ],
      visibility: 'private',
    },
    s('PrivateEvalBody', 'never', 'private evaluation body'),
  );
  // Public files of a private member: the scope does not show their subject, so not them either.
  write('pledges/2025/leak-private-member-work.md', {
    owner: 'leak-private-member',
    category: 'work',
    title: s('PrivateOwnerPledgeTitle', 'never', 'public approved pledge of a private member'),
    measures: ['按月推进'],
    deadline: '2025-12-31',
    review: { status: 'approved', by: 'zhou-jianguo', date: '2025-02-20' },
  });
  write('commendations/2025/leak-private-member.md', {
    subject: 'leak-private-member',
    title: '优秀共产党员',
    reason: s('PrivateSubjectCommendation', 'never', 'public commendation of a private member'),
    date: '2025-12-20',
  });
  write('commendations/2025/leak-private.md', {
    subject: 'chen-hui',
    title: '践诺标兵',
    reason: s('PrivateCommendationReason', 'never', 'private commendation reason'),
    date: '2025-12-20',
    visibility: 'private',
  });

  // Pledges not approved: the title may appear internally (titles and state only), nothing else anywhere.
  for (const [status, Status] of [
    ['draft', 'Draft'],
    ['submitted', 'Submitted'],
    ['revise', 'Revise'],
    ['resubmit', 'Resubmit'],
  ] as const) {
    const listed = status !== 'draft';
    write(
      `pledges/2025/wang-lei-leak-${status}.md`,
      {
        owner: 'wang-lei',
        category: 'work',
        title: s(
          `${Status}Title`,
          listed ? 'internal' : 'internal-optional',
          `title of a ${status} pledge`,
          listed ? 'internal/pending/' : undefined,
        ),
        measures: [s(`${Status}Measure`, 'never', `measure of a ${status} pledge`)],
        deadline: '2025-12-31',
        review: {
          status,
          ...(status !== 'draft' && status !== 'submitted' && { by: 'chen-hui', date: '2025-02-18' }),
          note: s(`${Status}Note`, 'never', `review note of a ${status} pledge`),
        },
        records: [{ date: '2025-03-28', note: s(`${Status}Record`, 'never', `record note of a ${status} pledge`), progress: 10 }],
      },
      s(`${Status}Body`, 'never', `body of a ${status} pledge`),
    );
  }

  // Rounds the scope does not show: a private one (nothing of it anywhere) and an internal one (nothing of it in
  // public), each holding one file of every per-round type, public in itself (issue 22, item 1).
  for (const [id, visibility, Kind] of [
    ['2024', 'private', 'Private'],
    ['2023', 'internal', 'Internal'],
  ] as const) {
    const kind: Kind = visibility === 'private' ? 'never' : 'internal-optional';
    // Its title too: the admin's files (config.yml, names.json) list rounds by title (issue 22, item 5).
    const title = roundCommendation(s(`${Kind}RoundTitle`, kind, `title of a ${visibility} round`), visibility);
    write(`rounds/${id}.md`, { title: `${id}年度${title}`, start: `${id}-01-01`, end: `${id}-12-31`, visibility });
    write(`pledges/${id}/chen-hui-leak-round.md`, {
      owner: 'chen-hui',
      category: 'study',
      title: s(`${Kind}RoundPledgeTitle`, kind, `public pledge of a ${visibility} round`),
      measures: [s(`${Kind}RoundPledgeMeasure`, kind, `measure of a public pledge of a ${visibility} round`)],
      deadline: `${id}-12-31`,
      review: { status: 'approved', by: 'zhou-jianguo', date: `${id}-02-20` },
      records: [
        { date: `${id}-03-28`, note: s(`${Kind}RoundPledgeRecord`, kind, `record of a ${visibility} round's pledge`), progress: 20 },
      ],
    });
    write(
      `bulletins/${id}/zongzhi-leak-round.md`,
      {
        title: s(`${Kind}RoundBulletinTitle`, kind, `public bulletin of a ${visibility} round`),
        org: 'zongzhi',
        date: `${id}-07-01`,
        period: 'h1',
        kind: 'progress',
      },
      s(`${Kind}RoundBulletinBody`, kind, `body of a public bulletin of a ${visibility} round`),
    );
    write(`checks/${id}/zongzhi-leak-round.md`, {
      org: 'zongzhi',
      quarter: 'q2',
      date: `${id}-06-30`,
      findings: [s(`${Kind}RoundCheckFinding`, kind, `finding of a public check of a ${visibility} round`)],
    });
    write(`commendations/${id}/chen-hui.md`, {
      subject: 'chen-hui',
      title: '优秀共产党员',
      reason: roundCommendation(s(`${Kind}RoundCommendation`, kind, `public commendation of a ${visibility} round`), visibility),
      date: `${id}-12-20`,
    });
    write(`reviews/${id}/chen-hui-leak-round.md`, {
      reviewer: 'zhou-jianguo',
      subject: 'chen-hui',
      date: `${id}-12-15`,
      period: 'year',
      achievements: s(`${Kind}RoundReview`, kind, `leader review of a ${visibility} round`),
      problems: '无',
      direction: '继续努力',
      visibility: 'public',
    });
  }

  // A commendation dated after the as-of date (2025-12-26): not decided yet.
  write('commendations/2025/leak-future.md', {
    subject: 'chen-hui',
    title: s('FutureCommendationTitle', 'never', 'title of a commendation dated after the as-of date'),
    reason: s('FutureCommendationReason', 'never', 'reason of a commendation dated after the as-of date'),
    date: '2025-12-30',
  });
}

// ---------------------------------------------------------------- reading what a build emitted

/** The entries of a zip file (an .xlsx), inflated. */
function unzip(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return [buf];
  let p = buf.readUInt32LE(eocd + 16);
  const count = buf.readUInt16LE(eocd + 10);
  for (let i = 0; i < count && buf.readUInt32LE(p) === 0x02014b50; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.push(method === 8 ? inflateRawSync(data) : data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The searchable text of a file: gzip (Pagefind) decompressed, zip entries inflated, lowercased (Pagefind lowercases words). */
function textOf(buf: Buffer): string {
  if (buf[0] === 0x1f && buf[1] === 0x8b) return textOf(gunzipSync(buf));
  if (buf.readUInt32LE(0) === 0x04034b50) return unzip(buf).map(textOf).join('\n');
  // Sentinels are ASCII: latin1 keeps every byte, so any encoding of the text around them does not matter.
  return buf.toString('latin1').toLowerCase();
}

interface Built {
  dir: string;
  files: string[];
  text: Map<string, string>;
}

function scan(dir: string): Built {
  const files = walk(dir);
  const text = new Map<string, string>();
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    text.set(f, buf.length >= 4 ? textOf(buf) : buf.toString('latin1').toLowerCase());
  }
  return { dir, files, text };
}

/** Every file of a build holding the sentinel. */
function hits(b: Built, word: string, only?: (f: string) => boolean): string[] {
  const w = word.toLowerCase();
  return b.files.filter((f) => (!only || only(f)) && b.text.get(f)!.includes(w));
}

/** "sentinel X (what) found in file Y" for each sentinel of `kinds` found in `b` (in the files `only` keeps, when given). */
function leaks(b: Built, kinds: Kind[], only?: (f: string, x: Sentinel) => boolean): string[] {
  return sentinels
    .filter((x) => kinds.includes(x.kind))
    .flatMap((x) => hits(b, x.word, only && ((f) => only(f, x))).map((f) => `sentinel ${x.word} (${x.what}) found in file ${f}`));
}

// ---------------------------------------------------------------- the two builds

/** A real CMS backend (Gitea, over https as its login requires), so each build emits the admin and it is searched too. */
const backend = {
  CMS_BACKEND: 'gitea',
  CMS_REPO: 'dangzongzhi/gongkai',
  CMS_BASE_URL: 'https://git.school.example',
  CMS_APP_ID: 'leak-test-client',
};
const publicSite = 'https://gongkai.school.example';

let pub: Built;
let internal: Built;

// Planted when the file is collected, so that each sentinel can name a test of its own.
plant();

// Uploads go to the project's media folder (public/uploads), so the builds run on a copy of the project holding
// four: one attached to a public pledge, one to an internal bulletin, one to a private pledge, and one to nothing.
const project = copyProject();
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const uploads: Record<string, { kind: Kind; bytes: Buffer }> = {
  'leak-public.png': { kind: 'public', bytes: png },
  'leak-internal.png': { kind: 'internal', bytes: png },
  'leak-private.pdf': { kind: 'never', bytes: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') },
  'leak-orphan.png': { kind: 'never', bytes: png },
};
mkdirSync(join(project, 'public', 'uploads'), { recursive: true });
for (const [name, u] of Object.entries(uploads)) writeFileSync(join(project, 'public', 'uploads', name), u.bytes);
const attach = (rel: string, link: string) => {
  const f = read(rel);
  write(rel, f.front, `${f.body.trim()}\n\n${link}\n`);
};
attach('pledges/2025/chen-hui-study.md', '![支部学习合影](/uploads/leak-public.png)');
attach('bulletins/2025/jiaoshi-yi-leak-internal.md', '[附件：内部通报原件](/uploads/leak-internal.png)');
attach('pledges/2025/wang-lei-leak-private.md', '[附件：个人材料](/uploads/leak-private.pdf)');

beforeAll(() => {
  // The planted tree is valid content: a build failure would be about the pages, not the sentinels.
  const checked = checkContent(plantDir, '2000-01-01', root);
  expect(checked.errors.map((p) => `${p.file} ${p.field ?? ''}: ${p.message}`)).toEqual([]);
  const words = sentinels.map((x) => x.word);
  expect(new Set(words).size).toBe(words.length);

  // The two builds name their output folder the two short ways the README gives: `--out DIR` and OUT_DIR.
  const p = buildSite({ project, contentDir: plantDir, site: publicSite, outVia: '--out', env: { ...backend, SITE_SCOPE: 'public' } });
  expect(p.code, p.out).toBe(0);
  pub = scan(p.outDir);
  const i = buildSite({
    project,
    contentDir: plantDir,
    site: 'https://neibu.school.example',
    outVia: 'OUT_DIR',
    env: { ...backend, SITE_SCOPE: 'internal', PUBLIC_SITE: publicSite },
  });
  expect(i.code, i.out).toBe(0);
  internal = scan(i.outDir);
}, 900_000);

describe('the roll-ups (issue 23)', () => {
  test('a county roll-up of the planted board, public and internal, board included, holds counts only: no planted word but the public ones', async () => {
    const repo = shardRepo(mkdtempSync(join(tmpdir(), 'leak-shard-')), 'leak', { from: plantDir });
    const county = mkdtempSync(join(tmpdir(), 'leak-county-'));
    writeFileSync(
      join(county, 'shards.json'),
      JSON.stringify({
        schemaVersion: 1,
        level: 'county',
        name: '青山县',
        region: '130102',
        cutoff: '2025-12-26',
        shards: [{ id: '130102/leak', name: '实验中学', repo }],
      }),
    );
    try {
      for (const scope of ['public', 'internal']) {
        let said = '';
        const out = join(county, scope);
        const code = await rollupCommand(
          ['--registry', join(county, 'shards.json'), '--out', out, '--work', join(county, `.work-${scope}`), '--scope', scope],
          {
            out: (t) => (said += t),
            err: (t) => (said += t),
            env: process.env,
          },
        );
        expect(code, said).toBe(0);
        const rolled = scan(out);
        expect(rolled.files).toContain('rollup.json');
        expect(rolled.files).toContain('index.html');
        const found = sentinels.filter(
          (x) => x.kind !== 'public' && rolled.files.some((f) => rolled.text.get(f)?.includes(x.word.toLowerCase())),
        );
        expect(
          found.map((x) => `${x.word} (${x.kind}: ${x.what})`),
          scope,
        ).toEqual([]);
      }
    } finally {
      rmSync(county, { recursive: true, force: true });
      rmSync(repo, { recursive: true, force: true });
    }
  }, 120_000);
});

afterAll(() => {
  // Each build ran in a folder of its own (buildSite), holding its output.
  for (const dir of [plantDir, project, pub?.dir && dirname(pub.dir), internal?.dir && dirname(internal.dir)])
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the scan itself', () => {
  test.each(['public', 'internal'] as const)(
    'the %s build emits the admin config and a Pagefind index, and the public control sentinel is found in its HTML and search fragments',
    (which) => {
      const b = which === 'public' ? pub : internal;
      expect(b.files).toContain('admin/config.yml');
      expect(b.files).toContain('admin/index.html');
      expect(b.files.some((f) => f.startsWith('pagefind/fragment/'))).toBe(true);
      const control = sentinels.find((x) => x.kind === 'public')!.word;
      const found = hits(b, control);
      expect(found).toContain('pledges/2025/chen-hui-study/index.html');
      expect(found.some((f) => f.startsWith('pagefind/fragment/'))).toBe(true);
      expect(found.some((f) => f.startsWith('pagefind/index/'))).toBe(true);
    },
  );
});

describe('uploads (issue 22, item 3)', () => {
  test.each(['public', 'internal'] as const)('the %s build carries only the uploads its own content refers to', (which) => {
    const b = which === 'public' ? pub : internal;
    const shown = Object.entries(uploads)
      .filter(([, u]) => u.kind === 'public' || (which === 'internal' && u.kind === 'internal'))
      .map(([name]) => `uploads/${name}`);
    expect(b.files.filter((f) => f.startsWith('uploads/')).sort()).toEqual(shown.sort());
  });
});

describe('the public build', () => {
  test('carries no internal, private or draft sentinel in any file', () => {
    expect(leaks(pub, ['internal', 'internal-optional', 'never'])).toEqual([]);
  });

  test('emits nothing under internal/: no internal page, download or print stylesheet, which the internal build has', () => {
    expect(pub.files.filter((f) => f.startsWith('internal/'))).toEqual([]);
    expect(internal.files).toContain('internal/print-banner.css');
  });
});

describe('the internal build', () => {
  test('carries no private sentinel, nor anything of a pledge that was not approved but its title, nor an undecided commendation', () => {
    expect(leaks(internal, ['never'])).toEqual([]);
  });

  test('has the honour roll and the desk signs per branch (jiaoshi-yi’s among them, the branch of the internal member)', () => {
    expect(internal.files).toContain('honours/index.html');
    expect(pub.files).toContain('honours/index.html');
    expect(internal.files.filter((f) => /^internal\/print\/desk-sign\/[^/]+\/index\.html$/.test(f)).length).toBeGreaterThan(0);
    expect(internal.files).toContain('internal/print/desk-sign/jiaoshi-yi/index.html');
  });

  // A commendation the branch marked internal, or one of an internal round, is on the internal honour roll (the scope
  // shows it, as every internal file); nothing else internal is: no grade, comment, review or internal pledge.
  test('the honour roll and every desk sign carry nothing internal', () => {
    const signs = new Set(internal.files.filter((f) => /^internal\/print\/desk-sign\/[^/]+\/index\.html$/.test(f)));
    const pages = (f: string, x: Sentinel) => signs.has(f) || (f === 'honours/index.html' && !onInternalRoll.has(x.word));
    expect(leaks(internal, ['internal', 'internal-optional', 'never'], pages)).toEqual([]);
    // Also true of the public build's honour roll.
    expect(leaks(pub, ['internal', 'internal-optional', 'never'], (f) => f === 'honours/index.html')).toEqual([]);
  });

  test('the 共产党员户 mark is public: on the member’s page in both builds; the plaques only in the internal build, carrying nothing internal', () => {
    // The scan's text is latin1 (its sentinels are ASCII); the Chinese is read as UTF-8.
    const utf8 = (b: Built, f: string) => readFileSync(join(b.dir, f), 'utf8');
    const mark = /data-household[^>]*>共产党员户</;
    for (const b of [pub, internal]) expect(utf8(b, 'members/chen-hui/index.html'), b.dir).toMatch(mark);
    expect(utf8(pub, 'members/huang-tao/index.html')).not.toMatch(mark);
    expect(pub.files.filter((f) => f.startsWith('internal/'))).toEqual([]);
    const plaques = internal.files.filter((f) => /^internal\/print\/household\/[^/]+\/index\.html$/.test(f));
    expect(plaques).toEqual(['internal/print/household/jiaoshi-yi/index.html']);
    expect(utf8(internal, plaques[0])).toContain('陈慧');
    // The internal member marked too is on no plaque: a plaque shows only what the public board shows.
    expect(leaks(internal, ['internal', 'internal-optional', 'never'], (f) => plaques.includes(f))).toEqual([]);
  });

  // Present: the scan can fail, and the internal pages show what they should.
  test.each(sentinels.filter((x) => x.kind === 'internal').map((x) => [x.word, x] as const))('shows %s somewhere', (_, x) => {
    expect(hits(internal, x.word), `${x.what} should appear in the internal build (expected on ${x.expectedOn})`).not.toEqual([]);
  });
});
