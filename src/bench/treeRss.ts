/** The memory of a process tree, from /proc (Linux): what the benchmarks report as the peak of a command. */
import { readdirSync, readFileSync } from 'node:fs';

/** One process of a tree: its command (first arguments, shortened) and VmRSS in bytes. */
export interface ProcRss {
  command: string;
  rss: number;
}

/** VmRSS (bytes) of `root` and all its descendants, read from /proc, with their sum. */
export function treeRss(root: number): { sum: number; procs: ProcRss[] } {
  const children = new Map<number, number[]>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return { sum: 0, procs: [] };
  }
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(p));
      children.set(ppid, list);
    } catch {
      // process vanished
    }
  }
  let sum = 0;
  const procs: ProcRss[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) {
        const rss = Number(m[1]) * 1024;
        sum += rss;
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const command = argv
          .slice(0, 3)
          .map((a) => a.split('/').slice(-2).join('/'))
          .join(' ');
        procs.push({ command: command.slice(0, 60), rss });
      }
    } catch {
      // process vanished
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { sum, procs };
}
