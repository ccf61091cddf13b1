/** The CMS follows the rule profiles in use: what they do not ask for is not offered, and hints say their cadences. */
import { describe, expect, test } from 'vitest';
import { cmsConfig } from '../../src/cms/cmsConfig.ts';
import { adminFacts } from '../../src/data/adminFacts.ts';
import { presets, type Profile } from '../../src/lib/profiles.ts';

const root = new URL('../..', import.meta.url).pathname;
type Col = { name: string; label: string; fields: { name: string; hint?: string; fields?: { name: string; hint?: string }[] }[] };

function config(profiles: Profile[]) {
  const cols = cmsConfig({ backend: { name: 'proxy' }, profiles }).collections as Col[];
  const col = (name: string) => cols.find((c) => c.name === name);
  const hint = (c: string, f: string) => col(c)?.fields.find((x) => x.name === f)?.hint;
  return { names: cols.map((c) => c.name), col, hint };
}

describe('the CMS under each profile', () => {
  test('篇一/二 (a school by semesters): no quarterly checks, no organisation pledges, a ledger kept each semester, 评先评优', () => {
    const c = config([presets['school-semester']]);
    expect(c.names).not.toContain('checks');
    expect(c.names).not.toContain('org-pledges');
    expect(c.names).toContain('pledges');
    expect(c.hint('pledges', 'records')).toContain('每学期一记账');
    expect(c.hint('pledges', 'records')).not.toContain('每月');
    expect(c.hint('bulletins', 'period')).toContain('每学期通报一次');
    expect(c.col('commendations')?.label).toBe('表彰（评先评优）');
  });

  test('篇三: quarterly checks, organisation pledges of 3—5 filed upward, monthly records, 奖诺', () => {
    const c = config([presets['five-stages']]);
    expect(c.names).toEqual(expect.arrayContaining(['checks', 'org-pledges']));
    expect(c.hint('org-pledges', 'owner')).toBe('党组织承诺一般为 3—5 项');
    expect(c.hint('pledges', 'records')).toBe('按本单位执行的制度：每月一记实');
    expect(c.hint('bulletins', 'period')).toContain('每半年通报一次');
    expect(c.col('commendations')?.label).toBe('表彰（奖诺）');
  });

  test('篇四 adds the quarterly bulletin of organisation pledges; 篇五 checks each quarter but has no organisation pledges', () => {
    expect(config([presets.provincial]).hint('bulletins', 'period')).toContain('组织承诺每季度通报一次');
    const monthly = config([presets.monthly]);
    expect(monthly.names).toContain('checks');
    expect(monthly.names).not.toContain('org-pledges');
  });

  test('依岗承诺 keeps its hint where the profile has 设岗定责 (篇三/四/五), 共产党员户 only under 篇四; elsewhere each says it is usually left unticked', () => {
    for (const id of ['five-stages', 'provincial', 'monthly'] as const)
      expect(config([presets[id]]).hint('pledges', 'onPost'), id).toBe('无职党员在设定的岗位上作出的承诺');
    expect(config([presets['school-semester']]).hint('pledges', 'onPost')).toContain('一般不勾选');
    expect(config([presets.provincial]).hint('members', 'household')).toBe('篇四：悬挂“共产党员户”标牌的党员家庭');
    for (const id of ['school-semester', 'five-stages', 'monthly'] as const)
      expect(config([presets[id]]).hint('members', 'household'), id).toContain('一般不勾选');
    expect(config([presets.monthly, presets.provincial]).hint('members', 'household')).toContain('篇四');
  });

  test('a round’s 实施阶段 keep their hint under 篇三/四; under 篇一/二/五, which rank by semesters or quarters, it says they are usually left empty', () => {
    for (const id of ['five-stages', 'provincial'] as const)
      expect(config([presets[id]]).hint('rounds', 'stages'), id).toContain('每个阶段结束时开展阶段考核评比');
    for (const id of ['school-semester', 'monthly'] as const)
      expect(config([presets[id]]).hint('rounds', 'stages'), id).toContain('一般不填');
    expect(config([presets.monthly, presets.provincial]).hint('rounds', 'stages')).toContain('每个阶段结束时');
  });

  test('a 党委 mixing a school and a community offers what either needs, and says both cadences', () => {
    const c = config([presets['school-semester'], presets.provincial]);
    expect(c.names).toEqual(expect.arrayContaining(['checks', 'org-pledges']));
    expect(c.hint('pledges', 'records')).toMatch(/每学期一记账.*或每月一记实/);
  });

  test('the profiles are read from the content: the site’s with its overrides, and those its orgs name', () => {
    expect(adminFacts(`${root}examples/school-semester`).profiles.map((p) => p.id)).toEqual(['school-semester']);
    expect(adminFacts(`${root}content`).profiles.map((p) => p.id)).toEqual(['five-stages']);
  });
});
