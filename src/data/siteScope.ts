/**
 * The scope this build publishes: `SITE_SCOPE=public` (the default) or
 * `SITE_SCOPE=internal`. Read from the environment of `npm run build` /
 * `npm start`; src/cli/build.ts refuses any other value before Astro starts.
 */
import type { Scope } from '../lib/projectScope.ts';

export const scopes: readonly Scope[] = ['public', 'internal'];

/** The scope named by `value` (default public), or undefined when it names none. */
export function parseScope(value: string | undefined): Scope | undefined {
  const v = (value ?? '').trim() || 'public';
  return (scopes as readonly string[]).includes(v) ? (v as Scope) : undefined;
}

/** The scope of this build. */
export function siteScope(): Scope {
  const scope = parseScope(process.env.SITE_SCOPE);
  if (!scope)
    throw new Error(`SITE_SCOPE=${process.env.SITE_SCOPE} 不是可用的公开范围：只能是 public（对外公开）或 internal（组织内部）。`);
  return scope;
}

/** True in the internal build. */
export function isInternal(): boolean {
  return siteScope() === 'internal';
}
