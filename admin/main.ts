/**
 * The admin entry: Decap CMS bundled from npm (no CDN), in Chinese. The
 * configuration is not compiled in: Decap loads `config.yml` beside this page,
 * which the site build generates from the field tables and the content, so a
 * content change never requires rebuilding this bundle.
 */
import './randomUUID.ts';
import CMS from 'decap-cms-app';
import { pledgeRuleErrors } from './pledgeRules.ts';
import { isWorkflowPublish, publishBlockers } from './workflowRules.ts';
import { registerPreviews } from './previews/registerPreviews.ts';

registerPreviews(CMS);

// Refuse a pledge that breaks a rule spanning several fields, with the schema's own message (shown in the save-failed notice).
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }) => {
    if (!['pledges', 'org-pledges'].includes(entry.get('collection'))) return undefined;
    const errors = pledgeRuleErrors(entry.get('data').toJS());
    if (errors.length) throw new Error(errors.join(' '));
    return undefined;
  },
});

// Publishing a pledge from the editorial workflow is the branch's sign-off: refuse it until 审核状态 records the
// decision (shown in the publish-failed notice). Decap also fires prePublish on every simple-mode save (the entry
// is then the editor draft, status ''), where drafts must stay savable: only the workflow publish, whose entry
// carries its workflow status (draft / pending_review / pending_publish), is checked.
CMS.registerEventListener({
  name: 'prePublish',
  handler: ({ entry }) => {
    if (!['pledges', 'org-pledges'].includes(entry.get('collection'))) return undefined;
    console.debug('[prePublish]', JSON.stringify({ status: entry.get('status'), reviewStatus: entry.getIn(['data', 'review', 'status']) }));
    if (!isWorkflowPublish(entry.get('status'))) return undefined; // a simple-mode save
    const blockers = publishBlockers(entry.get('data').toJS());
    if (blockers.length) throw new Error(blockers.join(' '));
    return undefined;
  },
});

CMS.init();
