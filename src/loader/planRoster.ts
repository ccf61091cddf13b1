/**
 * Turns roster rows (from a spreadsheet with Chinese headers) into member
 * files to create or update. Every bad row is reported with its row number,
 * column and reason; a plan with any error is never written.
 *
 * Headers (the first row): 姓名, 所在支部, 职务, 岗位, 状态 — and optionally
 * 编号 (the member's file id) and 设岗 (assigned post for 无职党员).
 *
 * A roster is bounded (src/schemas/contentLimits.ts: rosterLimits): at most
 * 5,000 member rows per import and 200 characters per cell. A larger one is
 * refused whole, before any row is planned.
 */
import { formatCount, rosterLimits, type RosterLimits } from '../schemas/contentLimits.ts';
import { idForName } from '../lib/idForName.ts';
import type { Member } from '../lib/model.ts';
import { ID_PATTERN } from './readContentTree.ts';

export interface RosterError {
  /** Row number in the spreadsheet, counted from 1; 0 for the roster as a whole. */
  row: number;
  column: string;
  message: string;
}

export interface RosterChange {
  row: number;
  id: string;
  kind: 'create' | 'update' | 'same';
  data: Member;
  /** Fields that change, for --dry-run. */
  changed: string[];
}

export const rosterHeaders = {
  name: '姓名',
  org: '所在支部',
  roles: '职务',
  post: '岗位',
  status: '状态',
  id: '编号',
  assignedPost: '设岗',
} as const;

const roleWords: Record<string, 'secretary' | 'committee' | 'leading-cadre'> = {
  书记: 'secretary',
  支部书记: 'secretary',
  委员: 'committee',
  支委: 'committee',
  支委委员: 'committee',
  班子成员: 'committee',
  领导干部: 'leading-cadre',
  党员领导干部: 'leading-cadre',
};

const statusWords: Record<string, Member['status']> = { 在职: 'active', 离退休: 'retired', 退休: 'retired', 年老体弱: 'frail' };

export interface ExistingMember {
  id: string;
  data: Member;
}

/** Why a roster is too big to plan: too many member rows, or cells too long (each named by row and column). */
export function rosterSizeErrors(rows: string[][], limits: RosterLimits = rosterLimits): RosterError[] {
  let members = 0;
  for (const raw of rows.slice(1)) if (raw.some((c) => c?.trim())) members += 1;
  if (members > limits.rows) {
    return [
      {
        row: 0,
        column: '',
        message: `名册有 ${formatCount(members)} 行党员，一次最多导入 ${formatCount(limits.rows)} 行：请分成几个文件分批导入。`,
      },
    ];
  }
  const header = rows[0] ?? [];
  const errors: RosterError[] = [];
  rows.forEach((raw, i) => {
    raw.forEach((c, j) => {
      if ((c?.length ?? 0) <= limits.cellChars) return;
      const column = i > 0 && header[j]?.trim() ? header[j].trim().slice(0, 20) : `第 ${j + 1} 列`;
      errors.push({
        row: i + 1,
        column,
        message: `这一格太长：有 ${formatCount(c.length)} 个字，每格最多 ${formatCount(limits.cellChars)} 个字。`,
      });
    });
  });
  return errors;
}

/**
 * Plans the changes for `rows` (first row = headers). A roster over `limits` is refused whole (`rosterSizeErrors`).
 * @example planRoster([['姓名','所在支部','职务','岗位','状态'], ['张三','第一支部','','教师','在职']], members, orgs)
 */
export function planRoster(
  rows: string[][],
  members: ExistingMember[],
  orgs: { id: string; name: string }[],
  limits: RosterLimits = rosterLimits,
): { changes: RosterChange[]; errors: RosterError[] } {
  const changes: RosterChange[] = [];
  const errors = rosterSizeErrors(rows, limits);
  if (errors.length) return { changes, errors };
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  for (const required of [rosterHeaders.name, rosterHeaders.org]) {
    if (col(required) < 0)
      errors.push({
        row: 1,
        column: required,
        message: `表头缺少“${required}”列。表头应为：姓名、所在支部、职务、岗位、状态（可加 编号、设岗）。`,
      });
  }
  if (errors.length) return { changes, errors };
  const taken = new Set(members.map((m) => m.id));
  const byId = new Map(members.map((m) => [m.id, m]));
  const seen = new Map<string, number>();
  const sameNameRows = new Map<string, number>();
  rows.slice(1).forEach((raw, i) => {
    const row = i + 2;
    const cell = (name: string) => (col(name) >= 0 ? (raw[col(name)] ?? '').trim() : '');
    if (raw.every((c) => !c?.trim())) return;
    const bad = (column: string, message: string) => errors.push({ row, column, message });
    const name = cell(rosterHeaders.name);
    if (!name) bad(rosterHeaders.name, '姓名不能为空。');
    const orgText = cell(rosterHeaders.org);
    const org = orgs.find((o) => o.id === orgText || o.name === orgText);
    if (!orgText) bad(rosterHeaders.org, '所在支部不能为空。');
    else if (!org)
      bad(rosterHeaders.org, `找不到党组织“${orgText}”，请填写组织全称或编号（可选：${orgs.map((o) => o.name).join('、')}）。`);
    const roles = [
      ...new Set(
        cell(rosterHeaders.roles)
          .split(/[,,、;;\s]+/)
          .filter(Boolean)
          .map((w) => {
            const r = roleWords[w];
            if (!r) bad(rosterHeaders.roles, `不认识的职务“${w}”，可填：书记、支委、班子成员、领导干部，普通党员留空。`);
            return r;
          })
          .filter((r): r is NonNullable<typeof r> => Boolean(r)),
      ),
    ];
    const statusText = cell(rosterHeaders.status) || '在职';
    const status = statusWords[statusText];
    if (!status) bad(rosterHeaders.status, `不认识的状态“${statusText}”，可填：在职、离退休、年老体弱。`);
    const idText = cell(rosterHeaders.id);
    if (idText && !ID_PATTERN.test(idText)) bad(rosterHeaders.id, `编号“${idText}”只能用小写字母、数字和连字符。`);
    if (!name || !org || !status || (idText && !ID_PATTERN.test(idText))) return;

    // Without an 编号, a row names its member by name and branch: two rows of one name in one branch, or a name two
    // members of the branch share, cannot say who is who.
    const namesakes = idText ? [] : members.filter((m) => m.data.name === name && m.data.org === org.id);
    if (namesakes.length > 1) {
      bad(
        rosterHeaders.name,
        `${org.name}已有 ${namesakes.length} 名党员叫“${name}”（编号 ${namesakes.map((m) => m.id).join('、')}）：请在名册中加一列“编号”，填上这一行是哪一位的编号。`,
      );
      return;
    }
    const sameName = idText ? undefined : sameNameRows.get(`${org.id}\n${name}`);
    if (sameName) {
      const example = namesakes[0]?.id ?? idForName(name, new Set());
      bad(
        rosterHeaders.name,
        `与第 ${sameName} 行同名（都是${org.name}的“${name}”）。如果是两名党员，请在名册中加一列“编号”，给每人填一个不同的编号（如 ${example}、${example}-2）；如果是同一人，请删去重复的一行。`,
      );
      return;
    }
    if (!idText) sameNameRows.set(`${org.id}\n${name}`, row);
    const existing = idText ? byId.get(idText) : namesakes[0];
    const id = existing?.id ?? (idText || idForName(name, taken));
    taken.add(id);
    const earlier = seen.get(id);
    if (earlier) {
      bad(idText ? rosterHeaders.id : rosterHeaders.name, `与第 ${earlier} 行是同一名党员（编号“${id}”）：请删去重复的一行，或改正编号。`);
      return;
    }
    seen.set(id, row);
    const post = cell(rosterHeaders.post);
    const assignedPost = cell(rosterHeaders.assignedPost);
    const data: Member = {
      ...(existing?.data ?? {}),
      ...(existing || idText ? {} : { id }),
      name,
      org: org.id,
      status,
    } as Member;
    if (roles.length) data.roles = roles;
    else delete data.roles;
    if (post) data.post = post;
    if (assignedPost) data.assignedPost = assignedPost;
    const changed = existing
      ? (['name', 'org', 'status', 'roles', 'post', 'assignedPost'] as const).filter(
          (k) => JSON.stringify(existing.data[k] ?? null) !== JSON.stringify(data[k] ?? null),
        )
      : ['name', 'org', 'status', ...(roles.length ? ['roles'] : []), ...(post ? ['post'] : []), ...(assignedPost ? ['assignedPost'] : [])];
    changes.push({ row, id, kind: existing ? (changed.length ? 'update' : 'same') : 'create', data, changed });
  });
  return { changes, errors };
}
