/**
 * HTTP as `npm run verify` uses it on a board nobody vouches for: a GET that stays on the board's own origin. Each
 * redirect is checked before it is followed — one to another origin (another host, port or scheme: say a service
 * on the verifier's own network) is never requested — and at most `redirects` are followed. A body is read only
 * when asked for, and only up to `bytes`: a length declared over it is refused before reading, a body that runs
 * past it is cut off there. A request that takes longer than `timeoutMs` (headers and body) counts as unreachable.
 */

export interface FetchLimits {
  /** Bytes of a body read. */
  bytes: number;
  /** Redirects followed, all on the board's origin. */
  redirects: number;
  /** Milliseconds one request may take, headers and body together (default 30 s): a board that trickles is given up. */
  timeoutMs?: number;
}

export type BoardResponse =
  | { status: number; body?: Buffer }
  /** A redirect to `to`, off the board's origin: not followed. */
  | { offSite: string }
  | { tooManyRedirects: true }
  | { tooLarge: true }
  | { unreachable: true };

/** Reads at most `max` bytes of `res`'s body; undefined (the rest cancelled) when it runs past them. */
async function boundedBody(res: Response, max: number): Promise<Buffer | undefined> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > max) {
    await res.body?.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const piece = await reader?.read();
    if (!piece || piece.done) break;
    total += piece.value.length;
    if (total > max) {
      await reader?.cancel();
      return undefined;
    }
    chunks.push(piece.value);
  }
  return Buffer.concat(chunks);
}

/**
 * GETs `url` on the board at `url`'s origin. With `read`, a 200's body up to `limits.bytes`; otherwise the body is
 * not read at all.
 * @example await fetchOnBoard(new URL('https://board.example/manifest.json'), { read: true, limits: { bytes: 1e6, redirects: 5 } })
 */
export async function fetchOnBoard(url: URL, o: { read: boolean; limits: FetchLimits }): Promise<BoardResponse> {
  let at = url;
  for (let hop = 0; ; hop += 1) {
    let res: Response;
    try {
      // One deadline for the whole answer: the signal also ends a body still being read.
      res = await fetch(at, { redirect: 'manual', signal: AbortSignal.timeout(o.limits.timeoutMs ?? 30_000) });
    } catch {
      return { unreachable: true };
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (location !== null) {
      await res.body?.cancel();
      let next: URL;
      try {
        next = new URL(location, at);
      } catch {
        return { unreachable: true };
      }
      if (next.origin !== url.origin) return { offSite: next.href };
      if (hop >= o.limits.redirects) return { tooManyRedirects: true };
      at = next;
      continue;
    }
    if (!o.read || res.status !== 200) {
      await res.body?.cancel();
      return { status: res.status };
    }
    try {
      const body = await boundedBody(res, o.limits.bytes);
      return body ? { status: 200, body } : { tooLarge: true };
    } catch {
      return { unreachable: true };
    }
  }
}
