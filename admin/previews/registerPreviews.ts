/** Registers the editor's preview templates: a pledge and a member's 公开承诺书, with names, not ids. */
import type CMS from 'decap-cms-app';
import { MemberPreview } from './memberPreview.ts';
import { PledgePreview } from './pledgePreview.ts';

export function registerPreviews(cms: typeof CMS): void {
  cms.registerPreviewTemplate('pledges', PledgePreview as never);
  cms.registerPreviewTemplate('members', MemberPreview as never);
}
