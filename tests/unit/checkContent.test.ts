import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { isJunk } from '../../src/loader/readContentTree.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';

const PLEDGE = 'pledges/2026/li-work.md';
const EVAL = 'evaluations/2026/b1.md';
/** A year-end evaluation of b1 (a panel of 8) listing li, with `votes` votes in all, then `second`. */
/** site.json of the tiny tree with `extra` keys. */
const siteWith = (extra: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(tinyFiles['site.json']), ...extra }, null, 2);
/** An approved pledge of the org b1, approved by `by`. */
const orgPledgeText = (by: string) =>
  `---\nowner: b1\nownerKind: org\ncategory: service\ntitle: 开展送教上门\nmeasures:\n  - 每月一次\ndeadline: 2026-12-31\nreview:\n  status: approved\n  by: ${by}\n  date: 2026-02-20\n---\n`;
const commendationText = (subject: string) =>
  `---\nsubject: ${subject}\ntitle: 优秀共产党员\nreason: 承诺全部按期完成。\ndate: 2026-12-25\n---\n`;
const evaluationText = (second: string, votes = 8) =>
  `---\norg: b1\ndate: 2026-12-20\npanel:\n  masses: 8\nmembers:\n  - member: li\n    mass: { satisfied: ${votes}, basicallySatisfied: 0, dissatisfied: 0 }\n  - member: ${second}\n---\n`;
const pledgeText = tinyFiles[PLEDGE];

function errorsOf(changes: Record<string, string | Buffer | null>) {
  const dir = tinyContent(changes);
  const { errors } = checkContent(dir, '2026-03-10', dir);
  return errors;
}

describe('checkContent', () => {
  test('accepts the tiny valid tree', () => {
    expect(errorsOf({})).toEqual([]);
  });

  test('accepts an org pledge approved by the upper organisation’s secretary', () => {
    expect(errorsOf({ 'pledges/2026/b1-work.md': orgPledgeText('sec') })).toEqual([]);
  });

  test('accepts files saved by Windows Notepad (BOM and CRLF)', () => {
    const notepad = `\uFEFF${pledgeText.replace(/\n/g, '\r\n')}`;
    const site = `\uFEFF${tinyFiles['site.json'].replace(/\n/g, '\r\n')}`;
    expect(errorsOf({ [PLEDGE]: notepad, 'site.json': site })).toEqual([]);
  });

  test('ignores OS and editor junk', () => {
    const junk = {
      'members/.DS_Store': Buffer.from([0, 1, 2]),
      'members/Thumbs.db': Buffer.from([0]),
      'members/._li.md': Buffer.from([0, 5]),
      'pledges/2026/.li-work.md.swp': 'x',
      'members/li.md~': 'old',
      'members/desktop.ini': '[x]',
    };
    expect(errorsOf(junk)).toEqual([]);
  });

  test.each(['.DS_Store', 'Thumbs.db', '._a.md', '.a.md.swp', 'a.md~', '~$a.md', '#a.md#', 'desktop.ini'])('treats %s as junk', (name) => {
    expect(isJunk(name)).toBe(true);
  });

  test.each(['li.md', 'zhang-san.md', '2026'])('treats %s as content', (name) => {
    expect(isJunk(name)).toBe(false);
  });

  test.each([
    ['a YAML syntax error', { [PLEDGE]: pledgeText.replace('title: 上好公开课', 'title: "上好公开课') }, PLEDGE, '', 'yaml', /第 \d+ 行/],
    ['an empty file', { 'members/li.md': '' }, 'members/li.md', '', 'empty', /空/],
    ['a site.json that is not JSON', { 'site.json': '{ "name": "x", }' }, 'site.json', '', 'json', /JSON/],
    [
      'an unknown enum value',
      { 'members/li.md': '---\nname: 李明\norg: b1\nstatus: working\n---\n' },
      'members/li.md',
      'status',
      'enum',
      /active（在职）/,
    ],
    [
      'an impossible date',
      { [PLEDGE]: pledgeText.replace('deadline: 2026-06-30', 'deadline: 2026-02-30') },
      PLEDGE,
      'deadline',
      'date',
      /2026-02-30/,
    ],
    ['a dangling reference', { [PLEDGE]: pledgeText.replace('owner: li', 'owner: wang') }, PLEDGE, 'owner', 'ref', /wang/],
    [
      'progress above 100',
      { [PLEDGE]: pledgeText.replace('progress: 10', 'progress: 150') },
      PLEDGE,
      'records[0].progress',
      'max',
      /100.*150/,
    ],
    ['progress below 0', { [PLEDGE]: pledgeText.replace('progress: 10', 'progress: -1') }, PLEDGE, 'records[0].progress', 'min', /0/],
    ['a misspelt key', { 'members/li.md': '---\nname: 李明\norg: b1\nstatu: active\n---\n' }, 'members/li.md', '', 'unknown-key', /statu/],
    ['a missing required field', { 'members/li.md': '---\norg: b1\nstatus: active\n---\n' }, 'members/li.md', 'name', 'required', /姓名/],
    [
      'a Chinese file name',
      { 'members/李明.md': '---\nname: 李明\norg: b1\nstatus: active\n---\n' },
      'members/李明.md',
      '',
      'id',
      /小写字母/,
    ],
    ['a pledge outside a round folder', { 'pledges/x.md': pledgeText }, 'pledges/x.md', '', 'layout', /轮次文件夹/],
    [
      'a deadline outside the round (R4)',
      { [PLEDGE]: pledgeText.replace('deadline: 2026-06-30', 'deadline: 2027-01-15') },
      PLEDGE,
      'deadline',
      'R4',
      /2027-01-15/,
    ],
    [
      'an approved pledge without measures (R4)',
      { [PLEDGE]: pledgeText.replace('measures:\n  - 每学期一节公开课\n', '') },
      PLEDGE,
      'measures',
      'R4',
      /措施/,
    ],
    [
      'a check-off without a verifier (R15)',
      { [PLEDGE]: pledgeText.replace('---\n认真', 'closed:\n  date: 2026-03-01\n---\n认真') },
      PLEDGE,
      'closed.verifiedBy',
      'R15',
      /核实人/,
    ],
    ['a file without front matter', { 'members/li.md': 'name: 李明\n' }, 'members/li.md', '', 'frontmatter', /---/],
    [
      'an organisation pledge owned by a member',
      { [PLEDGE]: pledgeText.replace('owner: li', 'owner: li\nownerKind: org') },
      PLEDGE,
      'ownerKind',
      'owner-kind',
      /党员/,
    ],
    ['a round folder that is not a round', { 'pledges/2030/li-x.md': pledgeText }, 'pledges/2030/li-x.md', 'round', 'ref', /2030/],
    [
      'an evaluation listing a member of another branch',
      {
        'orgs/b2.md': '---\nname: 第二支部\nlevel: branch\nunitType: school\nparent: top\n---\n',
        'members/wang.md': '---\nname: 王芳\norg: b2\nstatus: active\n---\n',
        [EVAL]: evaluationText('wang'),
      },
      EVAL,
      'members[1].member',
      'other-org',
      /王芳”属于第二支部，不是第一支部的党员/,
    ],
    ['an evaluation listing a member twice', { [EVAL]: evaluationText('li') }, EVAL, 'members[1].member', 'duplicate', /重复/],
    [
      'a commendation for someone who does not exist',
      { 'commendations/2026/nobody.md': commendationText('nobody') },
      'commendations/2026/nobody.md',
      'subject',
      'ref',
      /找不到编号为“nobody”的党员或党组织/,
    ],
    [
      'a commendation in a round that does not exist',
      { 'commendations/2031/li.md': commendationText('li') },
      'commendations/2031/li.md',
      'round',
      'ref',
      /“2031”不是已建立的轮次/,
    ],
    [
      'a commendation without a reason',
      { 'commendations/2026/li.md': commendationText('li').replace(/reason: .*\n/, '') },
      'commendations/2026/li.md',
      'reason',
      'required',
      /表彰理由/,
    ],
    [
      'an unknown profile',
      { 'site.json': siteWith({ profile: 'weekly' }) },
      'site.json',
      'profile',
      'enum',
      /weekly.*school-semester.*five-stages.*provincial.*monthly/,
    ],
    [
      'a record cadence that does not exist',
      { 'site.json': siteWith({ profileOverrides: { recordCadence: 'week' } }) },
      'site.json',
      'profileOverrides.recordCadence',
      'enum',
      /week.*month.*每月一记实.*semester/,
    ],
    [
      'an upper secretary who is a member of the branch itself',
      { 'site.json': siteWith({ upperOrg: { name: '县教育局党委', secretary: '张书记' } }) },
      'site.json',
      'upperOrg.secretary',
      'upper-secretary',
      /上级党组织书记“张书记”是本组织的党员（第一支部，members\/sec\.md）/,
    ],
    [
      'an upper organisation without a name',
      { 'site.json': siteWith({ upperOrg: { secretary: '王某' } }) },
      'site.json',
      'upperOrg.name',
      'required',
      /上级党组织名称/,
    ],
    [
      'a member pledge approved from outside (上级审定)',
      { [PLEDGE]: pledgeText.replace('  by: sec\n', '  outsideBy: 县教育局党委\n') },
      PLEDGE,
      'review.outsideBy',
      'org-approval',
      /“上级审定”只用于最上级组织的组织承诺/,
    ],
    [
      'an approval naming both an approver and the upper organisation',
      { [PLEDGE]: pledgeText.replace('  by: sec\n', '  by: sec\n  outsideBy: 县教育局党委\n') },
      PLEDGE,
      'review.outsideBy',
      'review-decided',
      /只填一项/,
    ],
    [
      'a panel share above 1',
      { 'site.json': siteWith({ profileOverrides: { panelShare: 1.5 } }) },
      'site.json',
      'profileOverrides.panelShare',
      'max',
      /1/,
    ],
    [
      'a pledge range with min above max',
      { 'site.json': siteWith({ profileOverrides: { memberPledgesMin: 4, memberPledgesMax: 2 } }) },
      'site.json',
      'profileOverrides.memberPledgesMin',
      'range',
      /下限 4 大于上限 2/,
    ],
    [
      'an org naming a profile that does not exist',
      { 'orgs/b1.md': '---\nname: 第一支部\nlevel: branch\nunitType: school\nparent: top\nprofile: yearly\n---\n' },
      'orgs/b1.md',
      'profile',
      'enum',
      /five-stages/,
    ],
    [
      'an org pledge approved by someone outside the parent org',
      { 'pledges/2026/b1-work.md': orgPledgeText('li') },
      'pledges/2026/b1-work.md',
      'review.by',
      'org-approval',
      /应由.*书记或班子成员审核/,
    ],
    [
      'votes beyond the panel',
      { [EVAL]: evaluationText('sec', 9) },
      EVAL,
      'members[0].mass',
      'votes-exceed-panel',
      /共 9 票，超过了评议主体总人数 8/,
    ],
  ])('names %s by file, field and rule', (_, changes, file, field, rule, message) => {
    const errors = errorsOf(changes as Record<string, string>);
    const hit = errors.find((e) => e.rule === rule);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit?.file).toBe(file);
    expect(hit?.field).toBe(field);
    expect(hit?.message).toMatch(message);
    expect(hit?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(hit?.severity).toBe('error');
  });

  test('reports a missing site.json', () => {
    const errors = errorsOf({ 'site.json': null });
    expect(errors).toEqual([expect.objectContaining({ file: 'site.json', rule: 'missing' })]);
  });

  test('does not audit content that has errors', () => {
    const dir = tinyContent({ 'members/li.md': '' });
    expect(checkContent(dir, '2026-03-10', dir).findings).toEqual([]);
  });

  test('audits valid content as of site.json asOf', () => {
    const dir = tinyContent();
    const result = checkContent(dir, '2030-01-01', dir);
    expect(result.asOf).toBe('2026-03-10');
    expect(result.findings.map((f) => f.rule)).toContain('R1');
  });
});
