/**
 * The admin entry: Decap CMS bundled from npm (no CDN), in Chinese. The
 * configuration is not compiled in: Decap loads `config.yml` beside this page,
 * which the site build generates from the field tables and the content, so a
 * content change never requires rebuilding this bundle.
 */
import './randomUUID.ts';
import CMS from 'decap-cms-app';
import { registerPreviews } from './previews/registerPreviews.ts';

registerPreviews(CMS);
CMS.init();
