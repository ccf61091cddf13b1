/**
 * `shards.json`: the registry a county (or a province) keeps of the boards it rolls up (issue 23). It is written by
 * hand, so every problem is reported in Chinese with the shard and the line it is on, and a registry with any
 * problem is refused as a whole (the roll-up writes nothing).
 *
 * ```json
 * {
 *   "schemaVersion": 1,
 *   "level": "county",
 *   "name": "青山县委组织部",
 *   "region": "130102",
 *   "hosts": ["git.qingshan.example"],
 *   "shards": [
 *     { "id": "130102/shiyan-zhongxue", "name": "实验中学党总支", "township": "城关镇",
 *       "repo": "https://git.qingshan.example/shiyan/gongkai.git", "board": "http://10.0.0.5/gongkai/" }
 *   ]
 * }
 * ```
 *
 * - `level`: `county` (the shards are branch boards) or `province` (the shards are county roll-ups: `board` is the
 *   roll-up's address, and `spotChecks` units of each county, default 2, are checked against their repositories).
 * - `region`: the registry's own GB/T 2260 code; a shard's region code must lie within it (a county's is its own
 *   six digits; a city's `130100` holds `1301xx`; a province's `130000` holds `13xxxx`).
 * - `hosts`: the git hosts a `repo` URL may name; any other host is refused, as is any scheme but http(s).
 * - A shard's `repo` is a git URL or a folder (relative to the registry's folder); `board` its board's address.
 *   At least one of the two.
 */
import { isIsoDate } from './dates.ts';

export const registryLevels = ['county', 'province'] as const;
export type RegistryLevel = (typeof registryLevels)[number];

export interface RegistryShard {
  id: string;
  region: string;
  unit: string;
  name: string;
  township?: string;
  repo?: string;
  board?: string;
  /** The line of the shard's entry in the registry (for messages). */
  line: number;
}

export interface Registry {
  level: RegistryLevel;
  name: string;
  region: string;
  hosts: string[];
  cutoff?: string;
  /** A province: how many units of each county are recomputed from their repositories (default 2). */
  spotChecks: number;
  shards: RegistryShard[];
}

export interface RegistryProblem {
  line: number;
  /** The shard's id (or its position, when its id is unusable); empty for the registry as a whole. */
  shard: string;
  message: string;
}

export const registryLimits = { bytes: 4 * 1024 * 1024, shards: 10_000 } as const;

/** A shard id: a six-digit GB/T 2260 region code, `/`, a unit code (as site.json's `shard.unit`). */
const SHARD_ID = /^([1-9][0-9]{5})\/([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)$/;
const REGION = /^[1-9][0-9]{5}$/;
const printable = (s: string) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s);

/** The prefix of region codes within `region`: its digits up to its trailing pairs of zeros (130000 → 13). */
export function regionPrefix(region: string): string {
  if (region.endsWith('0000')) return region.slice(0, 2);
  if (region.endsWith('00')) return region.slice(0, 4);
  return region;
}

/**
 * The line (1-based) of each element of the array under the top-level key `key` in the JSON `text`, by a scan
 * that skips strings; [] when there is no such array.
 */
export function arrayElementLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inArray = -1;
  let lastString = '';
  let expectValueOf = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line += 1;
    else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j += 1;
        else s += text[j];
        j += 1;
      }
      lastString = s;
      i = j;
    } else if (c === ':') {
      expectValueOf = depth === 1 ? lastString : '';
    } else if (c === '{' || c === '[') {
      if (inArray >= 0 && depth === inArray) lines.push(line);
      if (c === '[' && depth === 1 && expectValueOf === key && inArray < 0) inArray = depth + 1;
      depth += 1;
      expectValueOf = '';
    } else if (c === '}' || c === ']') {
      depth -= 1;
      if (inArray >= 0 && depth < inArray) inArray = -2;
    }
  }
  return lines;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The URL's problem as a repo address, or undefined when it is a folder or an allowed http(s) URL. */
function repoProblem(repo: string, hosts: readonly string[]): string | undefined {
  if (/^[^/\\\s]+@[^/\\\s]+:/.test(repo)) return `仓库地址“${repo}”只能用 http 或 https（或者写本机文件夹），不能用 SSH`;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(repo) || /^[a-z]:[\\/]/i.test(repo)) return undefined;
  let u: URL;
  try {
    u = new URL(repo);
  } catch {
    return `仓库地址“${repo}”不是有效的网址`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `仓库地址“${repo}”只能用 http 或 https（或者写本机文件夹）`;
  if (u.username || u.password) return `仓库地址“${repo}”里不能写用户名或密码`;
  if (!hosts.includes(u.hostname.toLowerCase()))
    return `仓库地址“${repo}”的主机 ${u.hostname} 不在 hosts（允许的代码托管主机：${hosts.join('、') || '未填写'}）中`;
  return undefined;
}

function boardProblem(board: string): string | undefined {
  try {
    const u = new URL(board);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return `公开栏网址“${board}”只能用 http 或 https`;
    if (u.username || u.password) return `公开栏网址“${board}”里不能写用户名或密码`;
    return undefined;
  } catch {
    return `公开栏网址“${board}”不是有效的网址`;
  }
}

/**
 * The registry in `text`, or its problems (each with its line and shard). Nothing is fetched or read here.
 */
export function parseRegistry(text: string): { registry: Registry } | { problems: RegistryProblem[] } {
  const problems: RegistryProblem[] = [];
  const fail = (message: string, line = 1, shard = '') => problems.push({ line, shard, message });
  if (text.length > registryLimits.bytes) {
    fail(`文件太大，最多 ${registryLimits.bytes / 1024 / 1024} MB`);
    return { problems };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    fail('不是有效的 JSON（请检查引号、逗号和括号是否成对）', line);
    return { problems };
  }
  if (!isObject(data)) {
    fail('应为一个 JSON 对象：{ "schemaVersion": 1, "level": …, "shards": [ … ] }');
    return { problems };
  }
  if (data.schemaVersion !== 1) fail('schemaVersion（格式版本）应为 1');
  const level = data.level as RegistryLevel;
  if (!registryLevels.includes(level)) fail('level（汇总层级）应为 "county"（县）或 "province"（省）');
  const name = typeof data.name === 'string' && data.name.trim() && printable(data.name) ? data.name.trim() : '';
  if (!name) fail('name（汇总单位名称）不能为空');
  const region = typeof data.region === 'string' ? data.region : '';
  if (!REGION.test(region)) fail('region（本级行政区划代码）应为 6 位数字，如 130102');
  const hosts = Array.isArray(data.hosts) ? data.hosts : data.hosts === undefined ? [] : null;
  if (!hosts?.every((h) => typeof h === 'string' && /^[a-z0-9.-]+$/i.test(h)))
    fail('hosts（允许的代码托管主机）应为主机名的列表，如 ["git.qingshan.example"]');
  const cutoff = data.cutoff;
  if (cutoff !== undefined && (typeof cutoff !== 'string' || !isIsoDate(cutoff))) fail('cutoff（统计截止日期）应写成 YYYY-MM-DD');
  const spotChecks = data.spotChecks ?? 2;
  if (!Number.isInteger(spotChecks) || (spotChecks as number) < 0 || (spotChecks as number) > 50)
    fail('spotChecks（每个县抽查几个单位）应为 0 到 50 的整数');
  if (!Array.isArray(data.shards)) {
    fail('shards（下级单位列表）应为列表');
    return { problems };
  }
  if (data.shards.length > registryLimits.shards) {
    fail(`shards 最多 ${registryLimits.shards} 个单位，现在有 ${data.shards.length} 个`);
    return { problems };
  }
  const allowed = (hosts ?? []).map((h) => String(h).toLowerCase());
  const lines = arrayElementLines(text, 'shards');
  const prefix = REGION.test(region) ? regionPrefix(region) : '';
  const seen = new Map<string, number>();
  const shards: RegistryShard[] = [];
  data.shards.forEach((raw: unknown, i: number) => {
    const line = lines[i] ?? 1;
    const at = `第 ${i + 1} 个单位`;
    if (!isObject(raw)) {
      fail('应为一个对象，如 { "id": "130102/shiyan-zhongxue", "name": …, "repo": … }', line, at);
      return;
    }
    const id = typeof raw.id === 'string' ? raw.id : '';
    const m = SHARD_ID.exec(id);
    const who = m ? id : at;
    if (!m) {
      fail(
        `编号“${printable(id) ? id : '？'}”的格式不对：应为“6 位行政区划代码/单位代码”，如 130102/shiyan-zhongxue（单位代码由小写字母、数字和连字符组成）`,
        line,
        at,
      );
      return;
    }
    const before = seen.get(id);
    if (before !== undefined) fail(`编号重复：第 ${before} 行已有同一编号的单位`, line, id);
    else seen.set(id, line);
    if (prefix && !m[1].startsWith(prefix)) fail(`行政区划代码 ${m[1]} 不属于本级（${region}）`, line, who);
    const sName = typeof raw.name === 'string' && raw.name.trim() && printable(raw.name) ? raw.name.trim() : '';
    if (!sName) fail('name（单位名称）不能为空', line, who);
    const township = raw.township;
    if (township !== undefined && (typeof township !== 'string' || !printable(township)))
      fail('township（所属乡镇或片区）应为文字', line, who);
    const repo = raw.repo;
    const board = raw.board;
    if (repo !== undefined && (typeof repo !== 'string' || !repo.trim() || !printable(repo)))
      fail('repo（仓库地址）应为网址或文件夹', line, who);
    else if (typeof repo === 'string') {
      const p = repoProblem(repo.trim(), allowed);
      if (p) fail(p, line, who);
    }
    if (board !== undefined && (typeof board !== 'string' || !printable(board))) fail('board（公开栏网址）应为网址', line, who);
    else if (typeof board === 'string') {
      const p = boardProblem(board);
      if (p) fail(p, line, who);
    }
    if (level === 'province' && typeof board !== 'string') fail('省级登记表的每个县都要填 board（县级汇总的网址）', line, who);
    else if (repo === undefined && board === undefined) fail('repo（仓库地址）和 board（公开栏网址）至少要填一个', line, who);
    shards.push({
      id,
      region: m[1],
      unit: m[2],
      name: sName,
      township: typeof township === 'string' ? township : undefined,
      repo: typeof repo === 'string' ? repo.trim() : undefined,
      board: typeof board === 'string' ? board : undefined,
      line,
    });
  });
  if (problems.length) return { problems };
  return {
    registry: {
      level,
      name,
      region,
      hosts: allowed,
      ...(cutoff ? { cutoff: cutoff as string } : {}),
      spotChecks: spotChecks as number,
      shards,
    },
  };
}

/** A problem as one line for a secretary: `shards.json 第 12 行（130102/x）：…`. */
export function formatRegistryProblem(file: string, p: RegistryProblem): string {
  return `${file} 第 ${p.line} 行${p.shard ? `（${p.shard}）` : ''}：${p.message}。`;
}
