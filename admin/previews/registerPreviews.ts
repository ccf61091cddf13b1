/** Registers the editor's preview templates: a pledge and a member's 公开承诺书, with names, not ids. */
import type CMS from 'decap-cms-app';
import globalCss from '../../src/styles/global.css?raw';
import pledgeCss from '../../src/styles/pledge.css?raw';
import tokensCss from '../../src/styles/tokens.css?raw';
import { MemberPreview } from './memberPreview.ts';
import { PledgePreview } from './pledgePreview.ts';

export function registerPreviews(cms: typeof CMS): void {
  // The preview frame gets the site's own stylesheets (imports inlined), so it looks like the published page.
  cms.registerPreviewStyle([tokensCss, pledgeCss, globalCss.replace(/@import[^;]+;/g, '')].join('\n'), { raw: true });
  cms.registerPreviewTemplate('pledges', PledgePreview as never);
  cms.registerPreviewTemplate('org-pledges', PledgePreview as never);
  cms.registerPreviewTemplate('members', MemberPreview as never);
}
