/**
 * Starts reading the pledges' git history (src/data/pledgeHistory.ts) the moment a build starts, in a process of
 * its own, so that it runs on another core beside the content check and Vite's bundling; the pledge pages then find
 * it read; a rebuild of the same commit finds it in Astro's cache folder (src/loader/historyCache.ts). A failure is a
 * warning: the pages say no history was read, and the build goes on.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { pledgeHistory as readPledgeHistory } from '../data/pledgeHistory.ts';
import { recordPhase } from '../loader/buildTimings.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function pledgeHistory(): AstroIntegration {
  return {
    name: 'pledge-history',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command !== 'build') return;
        const started = performance.now();
        void readPledgeHistory(undefined, {
          projectRoot,
          // Astro's cache folder (node_modules/.astro by default): a rebuild of the same commit reads it from there.
          cacheDir: fileURLToPath(config.cacheDir),
          onError: (message) => logger.warn(`没有读取到承诺的修改记录（承诺页面上将不显示修改记录）：${message}`),
          onWarning: (message) => logger.warn(message),
        }).then(() => recordPhase('history', performance.now() - started));
      },
    },
  };
}
