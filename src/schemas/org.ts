/** `content/orgs/<id>.md`: a party organisation (党委、党总支、党支部). */
import type { z } from 'astro/zod';
import { idField, number, relation, select, shapeOf, text } from './fieldTypes.ts';
import { orgLevels, profileIds, unitTypes, visibilities } from './options.ts';

export const orgFields = {
  id: idField('组织编号', 'diyi-zhibu', 'name'),
  name: text({ label: '组织名称', hint: '如“第一教师党支部”', required: true }),
  level: select({ label: '层级', options: orgLevels, required: true }),
  unitType: select({ label: '单位类型', hint: '非公企业、社会组织的群众评议须邀请出资人或负责人参加', options: unitTypes, required: true }),
  parent: relation({ label: '上级组织', hint: '最上级组织留空', to: ['orgs'] }),
  secretary: relation({ label: '书记', to: ['members'] }),
  order: number({ label: '排序', hint: '数字小的排在前面', int: true, min: 0 }),
  profile: select({
    label: '执行的制度',
    hint: '一般留空，与上级组织相同；本组织执行另一种制度时选择（如党委下的社区支部）',
    options: profileIds,
  }),
  upperAuthority: text({
    label: '上级党组织（旧设置）',
    hint: '一般留空：上级党组织及其书记写在网站设置的“上级党组织”中；旧内容中的这一项仍按上级党组织名称读取',
  }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const orgSchema = shapeOf(orgFields);

export type Org = z.output<typeof orgSchema>;
