/**
 * `npm run bench:check [-- --members N]`: generates a tree of N members
 * (default 10,000), runs `npm run check` on it and prints files/s, wall time
 * and the checker's peak RSS beside the targets (15 s, 1 GiB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeGenerated } from './gen.ts';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const members = Number(values.members);
const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
process.stdout.write(`生成 ${members} 名党员的内容…\n`);
const files = writeGenerated(dir, members, Number(values.seed));
const pledgeDir = join(dir, 'pledges', readdirSync(join(dir, 'pledges'))[0]);
const pledgeFiles = readdirSync(pledgeDir);
const records = pledgeFiles.reduce((n, f) => n + (readFileSync(join(pledgeDir, f), 'utf8').match(/^ {2}- date:/gm)?.length ?? 0), 0);

const started = performance.now();
const run = spawnSync('npm', ['run', '-s', 'check', '--', '--content', dir, '--stats'], { encoding: 'utf8', maxBuffer: 1 << 30 });
const wall = (performance.now() - started) / 1000;
const stats = JSON.parse(run.stderr.trim().split('\n').at(-1) ?? '{}') as { files: number; ms: number; maxRssBytes: number };
if (!values.keep) rmSync(dir, { recursive: true, force: true });

const mib = stats.maxRssBytes / 2 ** 20;
const row = (k: string, v: string) => process.stdout.write(`${k.padEnd(22)}${v}\n`);
process.stdout.write('\nnpm run check 基准测试\n');
row('members', String(members));
row('files', String(files));
row('pledges', String(pledgeFiles.length));
row('records', String(records));
row('exit code', String(run.status));
row('wall time', `${wall.toFixed(2)} s (target < 15 s) ${wall < 15 ? 'OK' : 'OVER'}`);
row('check time (in-proc)', `${(stats.ms / 1000).toFixed(2)} s`);
row('files/s', `${Math.round(files / wall)}`);
row('peak RSS', `${mib.toFixed(0)} MiB (target < 1024 MiB) ${mib < 1024 ? 'OK' : 'OVER'}`);
if (run.status !== 0) {
  process.stdout.write(run.stdout.slice(0, 4000));
  process.exitCode = 1;
}
