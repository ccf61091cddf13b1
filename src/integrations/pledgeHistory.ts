/**
 * Starts reading the pledges' git history (src/data/pledgeHistory.ts) the moment a build starts, before the content
 * check and Vite's bundling, so that git runs on another core while they do; the pledge pages then find it read.
 */
import type { AstroIntegration } from 'astro';
import { pledgeHistory as readPledgeHistory } from '../data/pledgeHistory.ts';

export function pledgeHistory(): AstroIntegration {
  return {
    name: 'pledge-history',
    hooks: {
      'astro:config:setup': ({ command }) => {
        // A failure is the pages' to report (they show that no history was read); nothing is awaited here.
        if (command === 'build') void readPledgeHistory();
      },
    },
  };
}
