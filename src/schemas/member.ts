/** `content/members/<id>.md`: one party member. */
import type { z } from 'astro/zod';
import { boolean, idField, date, multiSelect, relation, select, shapeOf, text } from './fieldTypes.ts';
import { memberStatuses, roles, visibilities } from './options.ts';

export const memberFields = {
  id: idField('党员编号', 'zhang-san', 'name'),
  name: text({ label: '姓名', required: true }),
  org: relation({ label: '所在支部', to: ['orgs'], required: true }),
  roles: multiSelect({ label: '职务', hint: '书记、支委、党员领导干部须带头承诺；普通党员留空', options: roles }),
  post: text({ label: '工作岗位', hint: '如“初二年级数学教师”' }),
  assignedPost: text({ label: '设岗定责岗位', hint: '无职党员由支部设定的岗位，如“校园安全监督岗”' }),
  status: select({
    label: '状态',
    hint: '离退休、年老体弱党员自愿承诺，不作硬性要求',
    options: memberStatuses,
    default: 'active',
    required: true,
  }),
  supervisor: relation({ label: '分管班子成员', hint: '负责点评该党员的班子成员，留空则由支部书记点评', to: ['members'] }),
  joined: date({ label: '入党日期' }),
  household: boolean({ label: '共产党员户', hint: '篇四：悬挂“共产党员户”标牌的党员家庭' }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const memberSchema = shapeOf(memberFields);

export type Member = z.output<typeof memberSchema>;
