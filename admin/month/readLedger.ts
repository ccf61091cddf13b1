/**
 * Reads the content 本月记实 needs through the logged-in backend: site.json,
 * rounds, orgs, members and the pledges, from the folders the admin's own
 * config.yml names.
 */
import yaml from 'js-yaml';
import type { BackendCalls } from './backendCalls.ts';
import { ledgerContent, type LedgerContent, type RawFile } from './ledgerContent.ts';

type ConfigCollection = { name: string; folder?: string; extension?: string; files?: { file: string }[] };

/** The folders of the collections, and site.json's path, from the admin's config.yml. */
export async function contentPaths(): Promise<{ folder(name: string): string; siteFile: string }> {
  const res = await fetch('./config.yml', { cache: 'no-store' });
  if (!res.ok) throw new Error(`读取后台设置 config.yml 失败（HTTP ${res.status}）。`);
  const config = yaml.load(await res.text(), { schema: yaml.CORE_SCHEMA }) as { collections?: ConfigCollection[] };
  const cols = config.collections ?? [];
  const folder = (name: string) => {
    const c = cols.find((x) => x.name === name && x.folder);
    if (!c?.folder) throw new Error(`后台设置中没有“${name}”栏目。`);
    return c.folder;
  };
  const siteFile = cols.find((c) => c.name === 'site')?.files?.[0]?.file;
  if (!siteFile) throw new Error('后台设置中没有站点设置文件。');
  return { folder, siteFile };
}

/** Everything the page needs, read fresh from the backend. */
export async function readLedger(backend: BackendCalls): Promise<LedgerContent | { error: string }> {
  const paths = await contentPaths();
  const list = async (name: string, depth: number): Promise<RawFile[]> =>
    (await backend.entriesByFolder(paths.folder(name), 'md', depth))
      .filter((e) => typeof e.data === 'string')
      .map((e) => ({ path: e.file.path, text: e.data as string }));
  const [site, rounds, orgs, members, pledges] = await Promise.all([
    backend.getEntry(paths.siteFile),
    list('rounds', 1),
    list('orgs', 1),
    list('members', 1),
    list('pledges', 2),
  ]);
  if (typeof site.data !== 'string') return { error: `没有读到 ${paths.siteFile}。` };
  return ledgerContent({
    site: { path: paths.siteFile, text: site.data },
    rounds,
    orgs,
    members,
    pledges: pledges.filter((p) => p.path.split('/').length >= 2),
  });
}
