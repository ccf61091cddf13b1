/**
 * What the CMS needs to show names instead of ids: members (with their org), organisations and rounds, the
 * current round and the as-of date. The production build serves only what the public board shows (this file
 * is public); `astro dev` (`npm start`, the local CMS) serves every member and org, so a secretary can pick
 * anyone. Either way the admin also learns names from the git backend as it reads the content.
 */
import type { APIRoute } from 'astro';
import { getBoard } from '../../data/board.ts';
import { loadModel } from '../../data/loadModel.ts';

export const GET: APIRoute = async () => {
  const board = await getBoard('public');
  const model = import.meta.env.DEV ? loadModel() : board.model;
  const body = {
    boardName: model.site.data.name,
    // npm start runs decap-server in file mode (CMS_MODE=fs, the default), which saves straight into content/.
    publishing: import.meta.env.DEV && (process.env.CMS_MODE ?? 'fs') === 'fs' ? 'simple' : 'workflow',
    asOf: board.asOf,
    currentRound: model.site.data.currentRound,
    rounds: model.rounds.map((r) => ({ id: r.id, title: r.data.title })),
    orgs: model.orgs.map((o) => ({ id: o.id, name: o.data.name })),
    members: model.members.map((m) => ({ id: m.id, name: m.data.name, org: m.data.org })),
  };
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
