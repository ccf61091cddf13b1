/**
 * The path of a request URL as the dev server's file serving will resolve it: percent-decoded, backslashes read as
 * slashes, repeated slashes collapsed, and `.` and `..` segments resolved (never above the root). The dev server's
 * blocks (/public, /.lan, the content folder) are checked on this, so that `/./public/…` or `/x/../public/…`, sent
 * as written (curl --path-as-is; a browser resolves them first), cannot get around them.
 * @example normalUrlPath('/x/%2e%2e/public/uploads/a.svg?raw') // → '/public/uploads/a.svg'
 */
import { posix } from 'node:path';

/** The normalised path, or undefined when it cannot be decoded. */
export function normalUrlPath(url: string): string | undefined {
  const path = url.split('?')[0].split('#')[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  return posix.normalize(`/${decoded.replace(/\\/g, '/')}`);
}
