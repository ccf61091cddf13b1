/**
 * Raw requests to a dev server's /api/v1 as the admin page sends them (node's client, so the Host and Origin are
 * ours to choose), and the bodies of Decap's save, rename and delete.
 */
import { request } from 'node:http';

export interface ApiAnswer {
  status: number;
  body: string;
  /** The answer's `error`, when it is JSON with one. */
  error?: string;
}

/** POSTs `body` to http://127.0.0.1:<port>/api/v1 with Host and Origin `localhost:<port>`. */
export function postApi(port: number, body: unknown): Promise<ApiAnswer> {
  const own = `localhost:${port}`;
  const text = JSON.stringify(body);
  return new Promise((done, fail) => {
    const r = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1',
        method: 'POST',
        headers: { host: own, origin: `http://${own}`, 'content-type': 'application/json' },
      },
      (res) => {
        let answer = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (answer += d));
        res.on('end', () => {
          let error: string | undefined;
          try {
            error = (JSON.parse(answer) as { error?: string }).error;
          } catch {
            error = undefined;
          }
          done({ status: res.statusCode ?? 0, body: answer, error });
        });
      },
    );
    r.on('error', fail);
    r.end(text);
  });
}

const options = (newEntry?: boolean) => ({
  collectionName: 'members',
  commitMessage: 'x',
  useWorkflow: false,
  status: 'draft',
  ...(newEntry !== undefined && { newEntry }),
});

/** Decap's save of one entry file (`newEntry` as Decap sends it: true for a new entry, false for one it loaded). */
export const saveEntry = (path: string, raw: string, newEntry?: boolean) => ({
  action: 'persistEntry',
  params: { branch: 'main', entry: { slug: 'x', path, raw }, assets: [], options: options(newEntry) },
});

/** Decap's save of entry files that are renamed (`newPath`), as one request. */
export const renameEntries = (moves: { path: string; newPath: string; raw: string }[]) => ({
  action: 'persistEntry',
  params: {
    branch: 'main',
    dataFiles: moves.map((m) => ({ slug: m.newPath.split('/').pop()!.replace(/\.md$/, ''), ...m })),
    assets: [],
    options: options(false),
  },
});

/** Decap's delete of an entry (deleteFiles, as its delete button sends it). */
export const deleteEntry = (path: string) => ({
  action: 'deleteFiles',
  params: { branch: 'main', paths: [path], options: { commitMessage: 'x' } },
});
