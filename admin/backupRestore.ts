/**
 * Decap keeps a backup of the entry being edited in the browser (IndexedDB) and, when the entry is opened again,
 * asks whether to use it (找到了此条目在本机上的备份……). It asks as soon as it has read the backup — often before
 * the entry itself has come from the server, above all from a server that has just been started again. Answered
 * “确定” then, the backup is put in the form, and the entry arriving a moment later replaces it: what was typed
 * vanishes from the form (it is still in the browser, and offered again on the next reload).
 *
 * This keeps the answer: when the entry from the server replaces a backup the secretary chose to use, the same backup
 * is offered again through Decap's own action and taken without asking a second time. Imported by
 * admin/serverWatch.ts, whose promise (nothing typed is lost when the server goes away) it keeps.
 */
import { store } from 'decap-cms-core/dist/esm/redux';
import { zhHans } from './locale/zhHans.ts';

/** Decap's question (admin/locale/zhHans.ts), which it asks through window.confirm. */
const question = zhHans.editor.editor.confirmLoadBackup;

/** The parts of Decap's Immutable state read here. */
interface Imm {
  get(key: string): unknown;
  getIn(path: string[]): unknown;
  toJS(): unknown;
}

/** A backup taken before its entry had arrived: its path, the backup itself, and the draft it became. */
let pending: { path: string; backup: unknown; restoredKey?: string } | undefined;
/** The next question is answered yes without being shown (it repeats one already answered). */
let answerYes = false;

const draft = () => (store.getState() as { entryDraft: Imm }).entryDraft;

const ask = window.confirm.bind(window);
window.confirm = (message?: string): boolean => {
  if (message !== question) return ask(message);
  if (answerYes) {
    answerYes = false;
    return true;
  }
  const yes = ask(message);
  const backup = draft().getIn(['localBackup', 'entry']) as Imm | undefined;
  const path = backup?.get('path');
  // Only while the entry has not arrived: arriving, it will replace the backup.
  if (yes && backup && typeof path === 'string' && path && !draft().getIn(['entry', 'path'])) pending = { path, backup: backup.toJS() };
  return yes;
};

store.subscribe(() => {
  if (!pending) return;
  const d = draft();
  const path = d.getIn(['entry', 'path']);
  const key = String(d.get('key') ?? '');
  // Another entry, or the editor closed after the backup was in the form: nothing more to keep.
  if ((path && path !== pending.path) || (pending.restoredKey && !key)) {
    pending = undefined;
    return;
  }
  if (path !== pending.path) return;
  if (d.get('hasChanged')) {
    pending.restoredKey ??= key;
    return;
  }
  if (!pending.restoredKey) return;
  // The entry from the server replaced the backup: Decap offers it again, and the answer already given is kept.
  const backup = pending.backup;
  pending = undefined;
  answerYes = true;
  store.dispatch({ type: 'DRAFT_LOCAL_BACKUP_RETRIEVED', payload: { entry: backup } });
});
