/** Finding ports that nobody else holds, for `npm start` and the benchmarks. */
import { createServer } from 'node:net';

/** Whether `port` can be listened on at `host` right now. */
export function isFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(port, host, () => s.close(() => ok(true)));
  });
}

/** A port the system hands out as free on `host` (port 0). */
export function anyFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, host, () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** The first free port from `from` upwards (a few tries), else any free port. */
export async function firstFreePort(from: number, host = '127.0.0.1', tries = 20): Promise<number> {
  for (let p = from; p < from + tries; p++) if (await isFree(p, host)) return p;
  return anyFreePort(host);
}
