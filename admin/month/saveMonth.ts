/**
 * Saves 本月记实 once: every filled row becomes one record appended to its
 * pledge file, all in one backend write (one commit where the backend
 * commits). Before anything is written, each file is read again and must
 * still be exactly what the page loaded; the whole month is planned and
 * checked (src/lib/planRecords.ts) and written only if nothing is wrong.
 * decap-server's API checks the loaded versions again under its write lock
 * (`options.expected`), so two secretaries saving at once cannot overwrite
 * each other there either.
 */
import type { Period } from '../../src/lib/dates.ts';
import { planRecords, type PlannedRow } from '../../src/lib/planRecords.ts';
import type { RecordInput } from '../../src/lib/recordInput.ts';
import type { BackendCalls } from './backendCalls.ts';
import type { LedgerPledge } from './ledgerContent.ts';

export interface MonthInput {
  pledge: LedgerPledge;
  label: string;
  input: RecordInput;
}

export type SaveResult = { ok: true; saved: string[] } | { ok: false; problems: { path: string; message: string }[]; stale: string[] };

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const isFilled = (i: RecordInput) => Boolean((i.note ?? '').trim() || String(i.progress ?? '').trim());

/** Reads each file again: its text now, or undefined when it is gone. */
async function current(backend: BackendCalls, paths: string[]): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  await Promise.all(
    paths.map(async (p) => {
      try {
        const e = await backend.getEntry(p);
        out.set(p, typeof e.data === 'string' ? e.data : undefined);
      } catch {
        out.set(p, undefined);
      }
    }),
  );
  return out;
}

export async function saveMonth(backend: BackendCalls, inputs: readonly MonthInput[], period: Period, today: string): Promise<SaveResult> {
  const filled = inputs.filter((i) => isFilled(i.input));
  if (!filled.length)
    return {
      ok: false,
      problems: [{ path: '', message: '没有填写任何一行：在要记实的承诺后填写进展情况和完成进度，再保存。' }],
      stale: [],
    };
  const now = await current(
    backend,
    filled.map((i) => i.pledge.file),
  );
  const rows: PlannedRow[] = filled.map((i) => {
    const text = now.get(i.pledge.file);
    return { label: i.label, path: i.pledge.file, text, stale: text !== undefined && text !== i.pledge.text, input: i.input };
  });
  const stale = rows.filter((r) => r.stale || r.text === undefined).map((r) => r.path);
  const plan = planRecords(rows, period, today);
  if (plan.problems.length) return { ok: false, problems: plan.problems, stale };
  const expected: Record<string, string> = {};
  for (const i of filled) expected[i.pledge.file] = await sha256(i.pledge.text);
  const names = [...new Set(filled.map((i) => i.label.replace(/：.*$/, '')))];
  const commitMessage = `本月记实：${period.key}，${plan.writes.length} 项承诺（${names.slice(0, 5).join('、')}${names.length > 5 ? '等' : ''}）`;
  try {
    await backend.persistEntry(
      { dataFiles: plan.writes.map((w) => ({ path: w.path, slug: w.path, raw: w.text })), assets: [] },
      { commitMessage, collectionName: 'pledges', newEntry: false, useWorkflow: false, status: '', expected },
    );
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 409) {
      const again = await current(
        backend,
        plan.writes.map((w) => w.path),
      );
      const changed = filled.filter((i) => again.get(i.pledge.file) !== i.pledge.text);
      return {
        ok: false,
        stale: changed.map((i) => i.pledge.file),
        problems: changed.length
          ? changed.map((i) => ({
              path: i.pledge.file,
              message: `${i.label}：承诺文件在您打开之后已被别人修改，没有写入：请重新载入后再填写（您填写的内容仍保留在页面上）。`,
            }))
          : [{ path: '', message: `没有保存：${(e as Error).message}` }],
      };
    }
    throw e;
  }
  return { ok: true, saved: plan.writes.map((w) => w.path) };
}
