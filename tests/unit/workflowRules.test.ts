import { describe, expect, test } from 'vitest';
import { NOT_DECIDED, isWorkflowPublish, publishBlockers } from '../../admin/workflowRules.ts';
import { REVIEW_DECIDED, pledgeSchema } from '../../src/schemas/pledge.ts';

const APPROVED_WITHOUT_REVIEWER = '审核通过的承诺必须填写审核人（最上级组织的组织承诺填写“上级审定”）。';
const APPROVED_WITHOUT_DATE = '审核通过的承诺必须填写审核日期。';
const RETURNED_WITHOUT_NOTE = '退回的承诺必须写明审核意见。';

/** What `npm run check` says of a pledge file under the review-decision rule. */
function checkSays(data: Record<string, unknown>): string[] {
  const r = pledgeSchema.safeParse(data);
  return r.success ? [] : r.error.issues.filter((i) => i.code === 'custom' && i.params?.rule === REVIEW_DECIDED).map((i) => i.message);
}

const pledge = { owner: 'li', title: '上好公开课', category: 'work', measures: ['每学期一节'], deadline: '2025-06-30' };

describe('publishBlockers (publishing from the workflow is the branch sign-off)', () => {
  test('lets an approved pledge with reviewer and date through', () => {
    expect(publishBlockers({ ...pledge, review: { status: 'approved', by: 'chen-hui', date: '2025-02-20' } })).toEqual([]);
  });

  test.each(['revise', 'resubmit'])('lets a returned (%s) pledge with a note through', (status) => {
    expect(publishBlockers({ ...pledge, review: { status, note: '措施不够具体' } })).toEqual([]);
  });

  test.each([
    ['draft', { status: 'draft' }],
    ['submitted', { status: 'submitted', by: 'chen-hui', date: '2025-02-20' }],
    ['no status at all', {}],
    ['an empty status', { status: '' }],
  ])('refuses a pledge still %s', (_, review) => {
    expect(publishBlockers({ ...pledge, review })).toEqual([NOT_DECIDED]);
    expect(NOT_DECIDED).toContain('审核通过');
  });

  test('refuses a pledge without any review group', () => {
    expect(publishBlockers({ ...pledge })).toEqual([NOT_DECIDED]);
  });

  test('refuses an approval without reviewer or date (empty form fields count as missing)', () => {
    expect(publishBlockers({ ...pledge, review: { status: 'approved', by: '', date: ' ' } })).toEqual([
      APPROVED_WITHOUT_REVIEWER,
      APPROVED_WITHOUT_DATE,
    ]);
    expect(publishBlockers({ ...pledge, review: { status: 'approved', by: 'chen-hui' } })).toEqual([APPROVED_WITHOUT_DATE]);
    expect(publishBlockers({ ...pledge, review: { status: 'approved', date: '2025-02-20' } })).toEqual([APPROVED_WITHOUT_REVIEWER]);
  });

  test.each(['revise', 'resubmit'])('refuses a return (%s) without a note', (status) => {
    expect(publishBlockers({ ...pledge, review: { status, note: '  ' } })).toEqual([RETURNED_WITHOUT_NOTE]);
    expect(publishBlockers({ ...pledge, review: { status } })).toEqual([RETURNED_WITHOUT_NOTE]);
  });
});

describe('the review-decision rule is the schema’s, so the CMS and npm run check agree', () => {
  test.each([
    [{ status: 'approved', by: 'chen-hui', date: '2025-02-20' }, []],
    [{ status: 'approved', by: 'chen-hui' }, [APPROVED_WITHOUT_DATE]],
    [{ status: 'approved', date: '2025-02-20' }, [APPROVED_WITHOUT_REVIEWER]],
    [{ status: 'approved' }, [APPROVED_WITHOUT_REVIEWER, APPROVED_WITHOUT_DATE]],
    [{ status: 'revise' }, [RETURNED_WITHOUT_NOTE]],
    [{ status: 'resubmit', note: '与岗位结合不紧' }, []],
  ])('review %j', (review, expected) => {
    const file = { ...pledge, review };
    expect(checkSays(file)).toEqual(expected);
    expect(publishBlockers(file)).toEqual(expected);
  });
});

describe('isWorkflowPublish', () => {
  test.each(['draft', 'pending_review', 'pending_publish'])('a workflow status (%s) is the workflow publish', (s) => {
    expect(isWorkflowPublish(s)).toBe(true);
  });
  test.each([[''], [undefined], [null]])('Decap’s default status %j (a simple-mode save) is not', (s) => {
    expect(isWorkflowPublish(s)).toBe(false);
  });
});
