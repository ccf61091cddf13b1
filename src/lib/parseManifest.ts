/**
 * A board's `/manifest.json` as `npm run verify` reads it: from a board nobody vouches for, so its shape, its
 * size and its strings are all checked before anything is done with it.
 */
import type { Manifest, ManifestItem } from './buildManifest.ts';

/**
 * How much of a manifest the verifier reads. A county's board (10,000 members, 25,800 pledges) lists about
 * 37,000 items in 6 MB.
 */
export const manifestLimits = {
  /** Bytes of the manifest, over HTTP or from a folder. */
  bytes: 20 * 1024 * 1024,
  /** Items listed. */
  items: 100_000,
  /** Redirects followed on the board's own origin, for the manifest and for each page. */
  redirects: 5,
} as const;

export type ManifestLimits = { [K in keyof typeof manifestLimits]: number };

/** No control or bidirectional-override character: a manifest's strings are printed to the terminal as they are. */
const printable = (s: string) => s.length > 0 && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s);

/**
 * The manifest in `text`, its shape checked, or why not: not JSON, not a manifest's shape, or more items than
 * `limits.items`. A URL is a path on the board's own host (`/…`, never `//host/…`); strings that could move the
 * terminal's cursor are refused.
 */
export function parseManifest(
  text: string,
  limits: Pick<ManifestLimits, 'items'> = manifestLimits,
): Manifest | { refused: 'not-json' | 'bad-shape' | 'too-many-items' } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { refused: 'not-json' };
  }
  const m = data as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || !Array.isArray(m.items)) return { refused: 'bad-shape' };
  if (m.items.length > limits.items) return { refused: 'too-many-items' };
  const ok = m.items.every(
    (i: Partial<ManifestItem>) =>
      !!i &&
      typeof i.url === 'string' &&
      /^\/(?![/\\])/.test(i.url) &&
      printable(i.url) &&
      typeof i.source === 'string' &&
      printable(i.source) &&
      typeof i.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(i.sha256),
  );
  if (!ok) return { refused: 'bad-shape' };
  return {
    base: typeof m.base === 'string' && m.base.startsWith('/') ? m.base : '/',
    // A manifest from before issue 22 says nothing: its hashes are of files.
    sha256Of: m.sha256Of === 'published' ? 'published' : 'file',
    // Printed as they are, so only what they can be: a commit's hex, a boolean, a date.
    commit: typeof m.commit === 'string' && /^[0-9a-f]{40,64}$/.test(m.commit) ? m.commit : null,
    clean: typeof m.clean === 'boolean' ? m.clean : null,
    asOf: typeof m.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(m.asOf) ? m.asOf : '',
    // The summary's address and hash (issue 23); left out unless both are what they can be.
    ...(m.summary &&
      typeof m.summary.url === 'string' &&
      /^\/(?![/\\])/.test(m.summary.url) &&
      printable(m.summary.url) &&
      typeof m.summary.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(m.summary.sha256) && { summary: { url: m.summary.url, sha256: m.summary.sha256 } }),
    items: m.items as ManifestItem[],
  };
}
