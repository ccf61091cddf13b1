/** Registers the editor's preview templates. */
import type CMS from 'decap-cms-app';
import { PledgePreview } from './pledgePreview.ts';

export function registerPreviews(cms: typeof CMS): void {
  cms.registerPreviewTemplate('pledges', PledgePreview as never);
}
