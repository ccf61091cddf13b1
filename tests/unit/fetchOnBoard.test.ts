/** verify's HTTP (src/loader/fetchOnBoard.ts) gives up on a board that trickles its answer (the review of issue 22). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fetchOnBoard } from '../../src/loader/fetchOnBoard.ts';

let server: Server;
let origin: string;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') return res.end('{}');
    // Headers at once, then a byte now and then, never the end.
    res.writeHead(200, { 'content-type': 'application/json' });
    const t = setInterval(() => res.write(' '), 50);
    timers.add(t);
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

test('a body that never ends is given up at the deadline, as unreachable; a quick one is read', async () => {
  const limits = { bytes: 1_000_000, redirects: 5, timeoutMs: 500 };
  expect(await fetchOnBoard(new URL('/trickle', origin), { read: true, limits })).toEqual({ unreachable: true });
  expect(await fetchOnBoard(new URL('/ok', origin), { read: true, limits })).toEqual({ status: 200, body: Buffer.from('{}') });
});
