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

export const NOT_DECIDED =
  '发布即审核通过:请先在“支部审核”中把审核状态改为“审核通过”并填写审核人和审核日期,或选择退回并写明审核意见。';
export const APPROVED_WITHOUT_REVIEWER = '审核通过的承诺发布前必须填写审核人。';
export const APPROVED_WITHOUT_DATE = '审核通过的承诺发布前必须填写审核日期。';
export const RETURNED_WITHOUT_NOTE = '退回的承诺发布前必须写明审核意见。';

const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);

/** Why a pledge (its form data) may not be published from the editorial workflow; empty when it may. */
export function publishBlockers(data: Record<string, unknown>): string[] {
  const review = (data.review && typeof data.review === 'object' ? data.review : {}) as Record<string, unknown>;
  const status = typeof review.status === 'string' ? review.status : '';
  if (status === 'approved') {
    const out: string[] = [];
    if (!filled(review.by)) out.push(APPROVED_WITHOUT_REVIEWER);
    if (!filled(review.date)) out.push(APPROVED_WITHOUT_DATE);
    return out;
  }
  if (status === 'revise' || status === 'resubmit') return filled(review.note) ? [] : [RETURNED_WITHOUT_NOTE];
  return [NOT_DECIDED];
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
