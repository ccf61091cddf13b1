/**
 * The admin entry: Decap CMS bundled from npm (no CDN), in Chinese. The
 * configuration is not compiled in: Decap loads `config.yml` beside this page,
 * which the site build generates from the field tables and the content, so a
 * content change never requires rebuilding this bundle.
 */
import './randomUUID.ts';
import CMS from 'decap-cms-app';
import { pledgeRuleErrors } from './pledgeRules.ts';
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

CMS.init();
