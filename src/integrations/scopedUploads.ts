/**
 * After Astro has written a build, leaves in its `uploads/` only what its own pages refer to (src/loader/pruneUploads.ts):
 * an attachment of internal or private content never ships in a build that does not show that content.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { t } from '../i18n/t.ts';
import { pruneUploads } from '../loader/pruneUploads.ts';

export function scopedUploads(): AstroIntegration {
  return {
    name: 'scoped-uploads',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const { kept, removed } = pruneUploads(fileURLToPath(dir));
        if (kept || removed) logger.info(t('build.uploads', { kept, removed }));
      },
    },
  };
}
