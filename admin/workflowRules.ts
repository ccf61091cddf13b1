/**
 * Publishing a pledge through Decap's editorial workflow is the branch's
 * sign-off (审核把关): the pledge's own 审核状态 must already record the
 * branch's decision — 审核通过 with 审核人 and 审核日期, or 退回 (revise /
 * resubmit) with 审核意见. A pledge still 草稿 or 已提交待审核 is not published.
 *
 * Only the workflow publish is checked: Decap also fires `prePublish` on every
 * save in the simple publish mode, where drafts must stay savable (see
 * `isWorkflowPublish`).
 */

import { REVIEW_DECIDED } from '../src/schemas/pledge.ts';
import { pledgeRuleErrors } from './pledgeRules.ts';

export const NOT_DECIDED = '发布即审核通过：请先在“支部审核”中把审核状态改为“审核通过”并填写审核人和审核日期，或选择退回并写明审核意见。';

const decided = new Set(['approved', 'revise', 'resubmit']);

/**
 * Why a pledge (its form data) may not be published from the editorial workflow; empty when it may. What a
 * decision must say (who and when, or why) is the pledge schema's own rule, shared with `npm run check`.
 */
export function publishBlockers(data: Record<string, unknown>): string[] {
  const review = (data.review && typeof data.review === 'object' ? data.review : {}) as Record<string, unknown>;
  if (typeof review.status !== 'string' || !decided.has(review.status)) return [NOT_DECIDED];
  return pledgeRuleErrors(data, new Set([REVIEW_DECIDED]));
}

/**
 * Whether a `prePublish` event is the editorial workflow's publish. Decap 3
 * fires `prePublish` from two places (decap-cms-core backend.js):
 * `persistEntry` when the workflow is off (every simple-mode save; the entry is
 * the editor draft, whose `status` is Decap's default `''`), and
 * `publishUnpublishedEntry` (the workflow's 发布; the entry is the unpublished
 * entry from the store, whose `status` is its workflow column: `draft`,
 * `pending_review` or `pending_publish`). A workflow status therefore marks the
 * workflow publish.
 */
export function isWorkflowPublish(entryStatus: unknown): boolean {
  return typeof entryStatus === 'string' && entryStatus !== '';
}
