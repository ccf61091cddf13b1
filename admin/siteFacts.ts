/**
 * Who is who, for the admin: members (with their org), organisations and
 * rounds, so lists, pickers and previews show 王芳 · 第二教师党支部 instead of
 * `wang-fang`. Loaded from the generated `names.json` beside the admin, then
 * kept current with what the admin reads from the backend (the pickers' own
 * queries) and reloaded after every save, so a member created moments earlier
 * shows by name without reloading the admin.
 */
import { useSyncExternalStore } from 'react';
import { memberLabels } from '../src/lib/memberLabels.ts';

export interface SiteFacts {
  boardName?: string;
  /** How entries reach the board: through the review workflow, or saved straight into content/ (`npm start`). */
  publishing?: 'workflow' | 'simple';
  asOf?: string;
  /** site.json's time zone: today's date in the admin is taken there (Asia/Shanghai when none). */
  timeZone?: string;
  currentRound?: string;
  /** Each round with its dates (what a deadline must fall within), when names.json gives them. */
  rounds: { id: string; title: string; start?: string; end?: string }[];
  orgs: { id: string; name: string }[];
  members: { id: string; name: string; org?: string }[];
}

type Kind = 'members' | 'orgs' | 'rounds';

let current: SiteFacts = { rounds: [], orgs: [], members: [] };
type Lookup = Map<string, { kind: Kind; label: string; name: string; pick: string }>;
let lookup: Lookup | undefined;
const listeners = new Set<() => void>();

function changed(next: SiteFacts): void {
  current = next;
  lookup = undefined;
  for (const l of listeners) l();
}

/** Fetches `names.json` again (never from the browser's cache) and merges it in. */
export async function loadFacts(): Promise<SiteFacts> {
  try {
    const res = await fetch('./names.json', { cache: 'no-store' });
    if (res.ok) {
      const f = (await res.json()) as Partial<SiteFacts>;
      changed({
        ...current,
        ...f,
        rounds: mergeById(current.rounds, f.rounds ?? []),
        orgs: mergeById(current.orgs, f.orgs ?? []),
        members: mergeById(current.members, f.members ?? []),
      });
    }
  } catch {
    // Offline or not generated: ids stay ids, nothing breaks.
  }
  return current;
}

function mergeById<T extends { id: string }>(old: T[], fresh: T[]): T[] {
  const byId = new Map(old.map((x) => [x.id, x]));
  for (const x of fresh) byId.set(x.id, x);
  return [...byId.values()];
}

/** Adds what the admin read from the backend: entries of members, orgs or rounds (`{ slug, data }`). */
export function learn(kind: Kind, entries: { slug: string; data: Record<string, unknown> }[]): void {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const items = entries.map((e) => {
    const id = e.slug.split('/').pop() ?? e.slug;
    if (kind === 'rounds') return { id, title: str(e.data.title) ?? id, start: str(e.data.start), end: str(e.data.end) };
    if (kind === 'orgs') return { id, name: str(e.data.name) ?? id };
    return { id, name: str(e.data.name) ?? id, org: str(e.data.org) };
  });
  if (!items.length) return;
  changed({ ...current, [kind]: mergeById(current[kind] as { id: string }[], items) });
}

export function facts(): SiteFacts {
  return current;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The facts as React state: re-renders when names are loaded or learnt. */
export function useSiteFacts(): SiteFacts {
  // The same snapshot on the server, so a preview also renders to static HTML (the tests do).
  return useSyncExternalStore(subscribe, facts, facts);
}

function table(): Lookup {
  if (lookup) return lookup;
  const t: Lookup = new Map();
  for (const r of current.rounds) t.set(`rounds:${r.id}`, { kind: 'rounds', label: r.title, name: r.title, pick: r.title });
  for (const o of current.orgs) t.set(`orgs:${o.id}`, { kind: 'orgs', label: o.name, name: o.name, pick: o.name });
  const told = memberLabels(current.members, current.orgs);
  const picked = memberLabels(current.members, current.orgs, { withOrg: true });
  for (const m of current.members) {
    t.set(`members:${m.id}`, { kind: 'members', label: told.get(m.id) ?? m.name, name: m.name, pick: picked.get(m.id) ?? m.name });
  }
  lookup = t;
  return t;
}

/**
 * How an id is shown: a member by name, told apart from namesakes (`王丽 · 第一支部`, and `· 编号 wang-li-2` within one
 * branch; src/lib/memberLabels.ts), an org or a round by its name; the id itself when unknown. `kinds` says where to
 * look, in order (a relation's targets).
 */
export function labelOf(id: string | undefined, kinds: readonly string[] = ['members', 'orgs', 'rounds']): string {
  if (!id) return '';
  for (const k of kinds) {
    const hit = table().get(`${k}:${id}`);
    if (hit) return hit.label;
  }
  return id;
}

/** How a picker offers a member: always with the branch (`王芳 · 第二教师党支部（高中部）`), namesakes of one branch with their id. */
export function pickLabelOf(id: string): string {
  return table().get(`members:${id}`)?.pick ?? labelOf(id);
}

/** The plain name of a member or org (no org after a member's name): only where the name cannot be mistaken. */
export function nameOf(id: string | undefined): string {
  if (!id) return '';
  return table().get(`members:${id}`)?.name ?? table().get(`orgs:${id}`)?.name ?? id;
}

/** Whether an id is an organisation's. */
export function isOrg(id: unknown): boolean {
  return typeof id === 'string' && table().get(`orgs:${id}`) !== undefined;
}
