import { describe, expect, test } from 'vitest';
import {
  APPROVED_WITHOUT_DATE,
  APPROVED_WITHOUT_REVIEWER,
  NOT_DECIDED,
  RETURNED_WITHOUT_NOTE,
  isWorkflowPublish,
  publishBlockers,
} from '../../admin/workflowRules.ts';

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
    expect(publishBlockers({ ...pledge, review: { status: 'approved', by: '', date: ' ' } })).toEqual([APPROVED_WITHOUT_REVIEWER, APPROVED_WITHOUT_DATE]);
    expect(publishBlockers({ ...pledge, review: { status: 'approved', by: 'chen-hui' } })).toEqual([APPROVED_WITHOUT_DATE]);
    expect(publishBlockers({ ...pledge, review: { status: 'approved', date: '2025-02-20' } })).toEqual([APPROVED_WITHOUT_REVIEWER]);
  });

  test.each(['revise', 'resubmit'])('refuses a return (%s) without a note', (status) => {
    expect(publishBlockers({ ...pledge, review: { status, note: '  ' } })).toEqual([RETURNED_WITHOUT_NOTE]);
    expect(publishBlockers({ ...pledge, review: { status } })).toEqual([RETURNED_WITHOUT_NOTE]);
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
