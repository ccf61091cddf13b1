/**
 * The manifest of this build (src/lib/buildManifest.ts): every item the build publishes — from the board of its
 * scope, every round's pledges and bulletins, and in the internal build the reviews and evaluations. The public
 * build hashes what it publishes of each item (src/lib/publishedItem.ts, from the same scoped entries and body
 * HTML the pages show), so that its manifest confirms nothing unpublished; the internal build hashes each source
 * file. Computed once per board (once per build); each file is read once; git is asked once
 * (src/loader/repoState.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { contentDir } from '../loader/contentDir.ts';
import { buildManifest, type Manifest, type PublishedItem } from '../lib/buildManifest.ts';
import { type PublicEntries, type PublicKind, type PublishedContext, publishedItem } from '../lib/publishedItem.ts';
import { repoState } from '../loader/repoState.ts';
import { getBoard, type Board } from './board.ts';
import { getInternal } from './internalData.ts';
import { paths } from './paths.ts';
import { getSummaryJson } from './summary.ts';
import { getRounds, roundPaths } from './rounds.ts';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function collect(board: Board, site: URL | undefined): Promise<Manifest> {
  const dir = contentDir();
  const real = realpathSync(dir);
  // An entry's `file` is relative to the build's working folder; the manifest names it from the repository root.
  const abs = (file: string) => join(real, relative(dir, resolve(process.cwd(), file)));
  const archive = await getRounds();
  const items: PublishedItem[] = [];
  const sha256Of = board.scope === 'public' ? 'published' : 'file';
  const ctx: PublishedContext = {
    asOf: board.asOf,
    shown: (id) => board.index.member.has(id) || board.index.org.has(id),
    html: board.html,
  };
  const add = <K extends PublicKind>(kind: K, url: string, entry: PublicEntries[K]) =>
    items.push({ kind, url, file: abs(entry.file), text: sha256Of === 'published' ? publishedItem(kind, entry, ctx) : undefined });
  for (const r of archive.rounds) add('round', roundPaths.round(r.round.id), r.round);
  for (const id of board.orgsInOrder) {
    const org = board.index.org.get(id);
    if (org) add('org', paths.org(id), org);
  }
  for (const m of board.model.members) add('member', paths.member(m.id), m);
  for (const [id, { view }] of archive.pledge) add('pledge', paths.pledge(id), view.entry);
  for (const [id, { entry }] of archive.bulletin) add('bulletin', paths.bulletin(id), entry);
  for (const c of board.commendations) add('commendation', paths.honours(), c);
  const internal = await getInternal();
  if (internal) {
    const addFile = (kind: PublishedItem['kind'], url: string, file: string) => items.push({ kind, url, file: abs(file) });
    for (const org of internal.reviewedOrgs) for (const r of internal.reviewsOf(org)) addFile('review', paths.reviews(org), r.file);
    for (const e of board.model.evaluations) {
      if (internal.results.has(`${e.round}/${e.data.org}`)) addFile('evaluation', paths.results(e.round ?? '', e.data.org), e.file);
    }
  }
  const git = repoState(dir);
  const summary = { url: paths.summary(), sha256: sha256(await getSummaryJson(site)) };
  return buildManifest({
    summary,
    base: paths.home(),
    sha256Of,
    commit: git.commit,
    clean: git.clean,
    asOf: board.asOf,
    root: git.root,
    items,
    hash: (it) => sha256(it.text ?? readFileSync(it.file)),
  });
}

const manifests = new WeakMap<Board, Promise<Manifest>>();

/** The manifest of this build's board, computed once per board (`site`: the build's address, which the summary names). */
export async function getManifest(site: URL | undefined): Promise<Manifest> {
  const board = await getBoard();
  let m = manifests.get(board);
  if (!m) {
    m = collect(board, site);
    manifests.set(board, m);
  }
  return m;
}
