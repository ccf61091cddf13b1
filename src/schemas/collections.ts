/**
 * The content contract as data: one entry per content folder, with its field
 * table, its schema and how its files are laid out. The checker, Astro's
 * content collections and the CMS config all walk this list.
 */
import type { z } from 'astro/zod';
import type { Field } from './fieldTypes.ts';
import { bulletinFields, bulletinSchema } from './bulletin.ts';
import { checkFields, checkSchema } from './check.ts';
import { commendationFields, commendationSchema } from './commendation.ts';
import { evaluationFields, evaluationSchema } from './evaluation.ts';
import { memberFields, memberSchema } from './member.ts';
import { orgFields, orgSchema } from './org.ts';
import { pledgeFields, pledgeSchema } from './pledge.ts';
import { reviewFields, reviewSchema } from './review.ts';
import { roundFields, roundSchema } from './round.ts';
import { siteFields, siteSchema } from './site.ts';

export type CollectionName =
  | 'site'
  | 'rounds'
  | 'orgs'
  | 'members'
  | 'pledges'
  | 'checks'
  | 'bulletins'
  | 'reviews'
  | 'evaluations'
  | 'commendations';

export interface CollectionDef {
  /** Folder name under `content/`, and the Decap collection name. */
  name: CollectionName;
  label: string;
  labelSingular: string;
  fields: Record<string, Field>;
  schema: z.ZodTypeAny;
  /** Files live in `<name>/<round>/`. */
  perRound: boolean;
  /** The single file of a file collection (`site.json`). */
  file?: string;
  /** Label of the Markdown body, for types whose body is content. */
  body?: { label: string; hint: string };
  /** Visibility of a file that does not say. */
  defaultVisibility: 'public' | 'internal' | 'private';
  /** How the CMS names new files (always ASCII), lists and filters entries. */
  cms?: {
    identifier: string;
    /**
     * Decap slug template; built from ASCII fields so file names are never Chinese. Summaries and groups may
     * name the `view_<field>` words the admin derives when it reads a file (a name for an id, a label for a
     * slug; admin/contentFormat.ts) and never writes back.
     */
    slug: string;
    summary: string;
    sortable?: string[];
    filters?: { label: string; field: string; pattern: string }[];
    groups?: { label: string; field: string; pattern?: string }[];
  };
}

const reviewFilters = [
  { label: '审核通过', field: 'review.status', pattern: 'approved' },
  { label: '待审核', field: 'review.status', pattern: 'submitted' },
  { label: '退回', field: 'review.status', pattern: 'revise|resubmit' },
  { label: '草稿', field: 'review.status', pattern: 'draft' },
];

export const collections: readonly CollectionDef[] = [
  {
    name: 'site',
    label: '站点设置',
    labelSingular: '站点设置',
    fields: siteFields,
    schema: siteSchema,
    perRound: false,
    file: 'site.json',
    defaultVisibility: 'public',
  },
  {
    name: 'rounds',
    cms: { identifier: 'title', slug: '{{fields.id}}', summary: '{{title}}（{{start}} 至 {{end}}）', sortable: ['title', 'start'] },
    label: '轮次',
    labelSingular: '轮次',
    fields: roundFields,
    schema: roundSchema,
    perRound: false,
    body: { label: '轮次说明', hint: '本轮工作安排，可留空' },
    defaultVisibility: 'public',
  },
  {
    name: 'orgs',
    cms: {
      identifier: 'name',
      slug: '{{fields.id}}',
      summary: '{{name}}（{{view_level}}）',
      sortable: ['name', 'level', 'order'],
      groups: [
        { label: '层级', field: 'view_level' },
        { label: '上级组织', field: 'view_parent' },
      ],
    },
    label: '党组织',
    labelSingular: '党组织',
    fields: orgFields,
    schema: orgSchema,
    perRound: false,
    defaultVisibility: 'public',
  },
  {
    name: 'members',
    cms: {
      identifier: 'name',
      slug: '{{fields.id}}',
      summary: '{{name}} · {{view_org}}',
      sortable: ['name', 'status'],
      filters: [
        { label: '在职', field: 'status', pattern: 'active' },
        { label: '离退休、年老体弱', field: 'status', pattern: 'retired|frail' },
      ],
      groups: [
        { label: '所在支部', field: 'view_org' },
        { label: '状态', field: 'view_status' },
      ],
    },
    label: '党员',
    labelSingular: '党员',
    fields: memberFields,
    schema: memberSchema,
    perRound: false,
    defaultVisibility: 'public',
  },
  {
    name: 'pledges',
    cms: {
      identifier: 'title',
      slug: '{{fields.owner}}-{{fields.category}}',
      summary: '{{view_owner}} · {{title}} · {{view_status}} · {{view_last}} {{view_due}}',
      sortable: ['title', 'deadline', 'category'],
      filters: [
        { label: '本月未记实', field: 'view_due', pattern: '未记实' },
        { label: '已逾期', field: 'view_state', pattern: '^overdue$' },
        { label: '进行中', field: 'view_state', pattern: '^(not-started|in-progress|rectifying)$' },
        { label: '已销号', field: 'view_state', pattern: '^closed' },
        ...reviewFilters,
      ],
      groups: [
        { label: '承诺人', field: 'view_owner' },
        { label: '类别', field: 'view_category' },
      ],
    },
    label: '承诺事项',
    labelSingular: '承诺',
    fields: pledgeFields,
    schema: pledgeSchema,
    perRound: true,
    body: { label: '承诺内容', hint: '承诺的具体内容，公开承诺书上显示这一段' },
    defaultVisibility: 'public',
  },
  {
    name: 'checks',
    cms: {
      identifier: 'org',
      slug: '{{fields.org}}-{{fields.quarter}}',
      summary: '{{view_org}} · {{view_quarter}}（{{date}}）',
      sortable: ['date'],
      groups: [{ label: '组织', field: 'view_org' }],
    },
    label: '季度检查',
    labelSingular: '季度检查',
    fields: checkFields,
    schema: checkSchema,
    perRound: true,
    body: { label: '检查情况', hint: '检查的过程和结论' },
    defaultVisibility: 'public',
  },
  {
    name: 'bulletins',
    cms: {
      identifier: 'title',
      slug: '{{fields.org}}-{{fields.period}}',
      summary: '{{date}} · {{title}}',
      sortable: ['date', 'title'],
      groups: [
        { label: '组织', field: 'view_org' },
        { label: '期间', field: 'view_period' },
      ],
    },
    label: '通报',
    labelSingular: '通报',
    fields: bulletinFields,
    schema: bulletinSchema,
    perRound: true,
    body: { label: '通报正文', hint: '表扬先进、督促后进' },
    defaultVisibility: 'public',
  },
  {
    name: 'reviews',
    cms: {
      identifier: 'subject',
      slug: '{{fields.subject}}-{{fields.period}}',
      summary: '{{view_reviewer}} → {{view_subject}}（{{date}}）',
      sortable: ['date'],
      groups: [
        { label: '点评对象', field: 'view_subject' },
        { label: '期间', field: 'view_period' },
      ],
    },
    label: '领导点评',
    labelSingular: '领导点评',
    fields: reviewFields,
    schema: reviewSchema,
    perRound: true,
    defaultVisibility: 'internal',
  },
  {
    name: 'evaluations',
    cms: { identifier: 'org', slug: '{{fields.org}}', summary: '{{view_org}}（{{date}}）', sortable: ['date'] },
    label: '年终评诺',
    labelSingular: '年终评诺',
    fields: evaluationFields,
    schema: evaluationSchema,
    perRound: true,
    body: { label: '评议情况说明', hint: '评议会的组织情况' },
    defaultVisibility: 'internal',
  },
  {
    name: 'commendations',
    cms: {
      identifier: 'title',
      slug: '{{fields.subject}}',
      summary: '{{view_subject}} · {{title}}（{{date}}）',
      sortable: ['date', 'title'],
      groups: [{ label: '荣誉称号', field: 'title' }],
    },
    label: '表彰（奖诺）',
    labelSingular: '表彰',
    fields: commendationFields,
    schema: commendationSchema,
    perRound: true,
    defaultVisibility: 'public',
  },
];

/** The definition of one collection. */
export function collectionOf(name: CollectionName): CollectionDef {
  const def = collections.find((c) => c.name === name);
  if (!def) throw new Error(`unknown collection ${name}`);
  return def;
}
