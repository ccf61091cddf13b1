/**
 * The content model from Astro's collections, loaded once per build: every
 * page shares the same arrays instead of querying the collections again.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { ContentModel, Entry } from '../lib/model.ts';

type Name = Exclude<keyof ContentModel, 'site'>;

function toEntry<T>(e: { id: string; data: T; body?: string; filePath?: string }, perRound: boolean): Entry<T> {
  return { id: e.id, file: e.filePath ?? e.id, data: e.data, body: e.body, round: perRound ? e.id.split('/')[0] : undefined };
}

async function load<N extends Name>(name: N, perRound: boolean): Promise<ContentModel[N]> {
  const entries = (await getCollection(name)) as CollectionEntry<N>[];
  return entries.map((e) => toEntry(e as never, perRound)) as ContentModel[N];
}

let cached: Promise<ContentModel> | undefined;

/** The whole model (all scopes); project it with `projectScope` before showing it. */
export function loadModel(): Promise<ContentModel> {
  cached ??= (async () => {
    const [site] = await getCollection('site');
    const [rounds, orgs, members, pledges, checks, bulletins, reviews, evaluations] = await Promise.all([
      load('rounds', false),
      load('orgs', false),
      load('members', false),
      load('pledges', true),
      load('checks', true),
      load('bulletins', true),
      load('reviews', true),
      load('evaluations', true),
    ]);
    return { site: toEntry(site, false), rounds, orgs, members, pledges, checks, bulletins, reviews, evaluations } as ContentModel;
  })();
  return cached;
}
