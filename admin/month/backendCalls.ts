/**
 * The few backend calls 本月记实 makes, on the backend Decap itself logged in
 * with (decap-server's proxy, Forgejo, Gitea, GitLab): the same access
 * control as any other save, and the same single commit per save where the
 * backend makes one for an entry of several files.
 */
import { currentBackend } from 'decap-cms-core/dist/esm/backend';

export interface BackendCalls {
  entriesByFolder(folder: string, extension: string, depth: number): Promise<{ data: string | null; file: { path: string } }[]>;
  getEntry(path: string): Promise<{ data: string | null; file: { path: string } }>;
  persistEntry(
    entry: { dataFiles: { path: string; slug: string; raw: string }[]; assets: unknown[] },
    options: Record<string, unknown>,
  ): Promise<unknown>;
}

/** The logged-in backend, or undefined before Decap has one (the page is shown only after login). */
export async function loggedInBackend(): Promise<BackendCalls | undefined> {
  try {
    const backend = currentBackend();
    if (!backend || !(await backend.currentUser())) return undefined;
    return backend.implementation;
  } catch {
    return undefined;
  }
}
