/**
 * The cases of `npm run bench:hostile` that are not content (src/bench/benchHostile.ts runs them after the
 * check's): the .xlsx bomb of issue 22 handed to `npm run import` (as a roster and as a month sheet), and hostile
 * boards handed to `npm run verify` — a manifest that never ends, one that redirects to another port of the
 * verifier's machine, one of too many items. Each runs the real command as a child process under
 * `/usr/bin/time -v` (its wall time and peak memory) while the boards are served from this process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxCommand } from '../loader/nodeCommand.ts';
import { xlsxBomb } from './gen/hostileSamples.ts';

const TIME = '/usr/bin/time';

/** What a command did: exit code, wall time (tsx's start-up included), peak memory (NaN without /usr/bin/time), output. */
export interface CommandRun {
  code: number | null;
  seconds: number;
  peakMb: number;
  out: string;
}

/** Runs `<script> …args` under tsx from `projectRoot`, measured; asynchronous, so that this process can serve a board meanwhile. */
function runTimed(projectRoot: string, script: string, args: string[]): Promise<CommandRun> {
  const timed = existsSync(TIME);
  const [node, ...argv] = [...tsxCommand(projectRoot, join(projectRoot, script)), ...args];
  const started = performance.now();
  const child = spawn(timed ? TIME : node, timed ? ['-v', node, ...argv] : argv, {
    cwd: projectRoot,
    env: { ...process.env, CONTENT_DIR: '' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  return new Promise((done) =>
    child.on('close', (status) => {
      const seconds = (performance.now() - started) / 1000;
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1];
      const code = timed ? Number(/Exit status: (\d+)/.exec(err)?.[1] ?? status) : status;
      done({
        code,
        seconds,
        peakMb: kb ? Number(kb) / 1024 : Number.NaN,
        out: `${out}${err.replace(/(\nCommand exited with[^\n]*)?\n\s+Command being timed:[\s\S]*$/, '')}`,
      });
    }),
  );
}

/** A board on 127.0.0.1 (port 0) answering with `handle`; `seen` lists the requests it got (tests/unit/verifyAttacks.test.ts too). */
export async function serve(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    handle(req, res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const close = (s: Server) => new Promise((ok) => s.close(ok));

/** One case: what it runs against `project` (a fresh copy of the sample, content/ in it), and the rule that must have refused it. */
export interface CommandCase {
  name: string;
  rule: string;
  run: (projectRoot: string, project: string) => Promise<{ run: CommandRun; refused: boolean }>;
}

/** A file of `bytes` in a fresh temporary folder; its path. */
function fileOf(bytes: Buffer, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bench-hostile-file-')), name);
  writeFileSync(path, bytes);
  return path;
}

const importCase = (name: string, rule: string, args: (file: string) => string[], bytes: () => Buffer, says: string): CommandCase => ({
  name,
  rule,
  run: async (root, project) => {
    const run = await runTimed(root, 'src/cli/importRoster.ts', [
      ...args(fileOf(bytes(), '名册.xlsx')),
      '--content',
      join(project, 'content'),
    ]);
    return { run, refused: run.code === 1 && run.out.includes(says) };
  },
});

/** A manifest item of the sample's: valid in shape, so only the count can refuse it. */
const item = `{"kind":"org","url":"/orgs/tuixiu/","source":"content/orgs/tuixiu.md","sha256":"${'0'.repeat(64)}"}`;

export const commandCases: CommandCase[] = [
  importCase(
    '名册压缩炸弹（1.4 MB，解压后 336 MB）',
    'unpacked',
    (f) => [f],
    () => xlsxBomb(),
    '解压后超过 50 MB',
  ),
  importCase(
    '名册压缩炸弹，自称解压后 1 KB',
    'rows',
    (f) => [f],
    () => xlsxBomb({ understated: true }),
    '名册超过 5,000 行',
  ),
  importCase(
    '记实表压缩炸弹，自称解压后 1 KB',
    'rows',
    (f) => ['records', f],
    () => xlsxBomb({ understated: true }),
    '超过 30,000 行承诺',
  ),
  {
    name: '核对清单 400 MB，不写长度',
    rule: 'too-large',
    run: async (root, project) => {
      const mb = Buffer.alloc(1024 * 1024, ' ');
      const board = await serve((_, res) => {
        res.writeHead(200);
        let sent = 0;
        const more = () => {
          while (sent < 400 && res.write(sent === 0 ? Buffer.concat([Buffer.from('{"items": ['), mb]) : mb)) sent += 1;
          if (sent >= 400) res.end(']}');
        };
        res.on('drain', more);
        res.on('close', () => res.off('drain', more));
        more();
      });
      try {
        const run = await runTimed(root, 'src/cli/verify.ts', [`${board.url}/`, '--content', join(project, 'content')]);
        return { run, refused: run.code === 2 && run.out.includes('超过 20 MB') };
      } finally {
        board.server.closeAllConnections();
        await close(board.server);
      }
    },
  },
  {
    name: '核对清单重定向到本机另一端口',
    rule: 'off-site',
    run: async (root, project) => {
      const inside = await serve((_, res) => res.writeHead(200).end('{"items": []}'));
      const board = await serve((_, res) => res.writeHead(302, { Location: `${inside.url}/api/users?action=delete` }).end());
      try {
        const run = await runTimed(root, 'src/cli/verify.ts', [`${board.url}/`, '--content', join(project, 'content')]);
        return { run, refused: run.code === 2 && run.out.includes('重定向到网站以外') && inside.seen.length === 0 };
      } finally {
        await Promise.all([close(board.server), close(inside.server)]);
      }
    },
  },
  {
    name: '核对清单 130,000 项（18 MB）',
    rule: 'too-many-items',
    run: async (root, project) => {
      const body = `{"items": [${Array(130_000).fill(item).join(',')}]}`;
      const board = await serve((_, res) => res.writeHead(200).end(body));
      try {
        const run = await runTimed(root, 'src/cli/verify.ts', [`${board.url}/`, '--content', join(project, 'content')]);
        return { run, refused: run.code === 2 && run.out.includes('超过 100,000 项') };
      } finally {
        await close(board.server);
      }
    },
  },
];
