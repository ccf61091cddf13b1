/**
 * What the CMS needs to show names instead of ids: members (with their org), organisations and rounds (with their dates), the
 * current round, the as-of date and the time zone. The production build serves only what the public board shows (this file
 * is public), and the rounds of the build's own scope; `astro dev` (`npm start`, the local CMS) serves every member and org as the files stand, even
 * while some file has a mistake. Either way the admin also learns names from its backend as it reads content.
 */
import type { APIRoute } from 'astro';
import { adminFacts, adminRounds } from '../../data/adminFacts.ts';
import { getBoard } from '../../data/board.ts';
import { DEFAULT_TIME_ZONE } from '../../lib/dates.ts';

export const GET: APIRoute = async () => {
  const dev = import.meta.env.DEV;
  // Read once: in dev, every member and org as the files stand; in a build, the rounds and cadences beside the board.
  const facts = adminFacts();
  const board = dev ? undefined : await getBoard('public');
  const body = dev
    ? facts
    : {
        boardName: board!.model.site.data.name,
        asOf: board!.asOf,
        timeZone: board!.model.site.data.timeZone || DEFAULT_TIME_ZONE,
        currentRound: board!.model.site.data.currentRound,
        // The rounds config.yml lists (those the build's scope shows), with their dates: a pledge's deadline must fall
        // within its round's.
        rounds: (await adminRounds(facts, dev)).map(({ id, title, start, end }) => ({ id, title, start, end })),
        orgs: board!.model.orgs.map((o) => ({ id: o.id, name: o.data.name })),
        members: board!.model.members.map((m) => ({ id: m.id, name: m.data.name, org: m.data.org })),
        // Each org's ledger cadence: the pledge list's 本月未记实 filter asks R6's function with it.
        cadences: facts.cadences,
      };
  // npm start runs decap-server in file mode (CMS_MODE=fs, the default), which saves straight into content/; npm run lan
  // runs it in git mode with simple publishing (CMS_PUBLISH_MODE=simple), where each save is a commit: the buttons say 保存.
  const publishing = dev && ((process.env.CMS_MODE ?? 'fs') === 'fs' || process.env.CMS_PUBLISH_MODE === 'simple') ? 'simple' : 'workflow';
  return new Response(JSON.stringify({ ...body, publishing }), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
