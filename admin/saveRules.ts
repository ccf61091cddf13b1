/**
 * What the admin checks before it writes a file, beyond Decap's per-field
 * checks: a file it could not read is never overwritten; a per-round file
 * goes into, or stays in, the folder of a round that exists; a pledge keeps
 * the schema's cross-field rules. Every message is the one `npm run check`
 * would give, in Chinese.
 */
import { issueToProblem } from '../src/loader/issueMessage.ts';
import { collections } from '../src/schemas/collections.ts';
import { VIEW_PREFIX, fileData } from './contentFormat.ts';
import { folderOf, roundOfPath } from './widgets/roundWidget.ts';

export interface SavedEntry {
  /** The Decap collection (`org-pledges` is a view of `pledges`). */
  collection: string;
  newRecord: boolean;
  /** The file's path, for an existing file. */
  path?: string;
  data: Record<string, unknown>;
}

/**
 * Why this save must be refused; empty when it may go ahead. `existing` holds the ids of the existing rounds,
 * and of the members and orgs (a new file may not take an id that is taken).
 */
export function saveBlockers(e: SavedEntry, existing: { rounds: readonly string[]; members?: readonly string[]; orgs?: readonly string[] }): string[] {
  const rounds = existing.rounds;
  const unreadable = e.data[`${VIEW_PREFIX}unreadable`];
  if (typeof unreadable === 'string') {
    return [`这个文件的格式有误，后台无法安全地修改它：${unreadable}请用文本编辑器改正后再在后台编辑。`];
  }
  const folder = folderOf(e.collection);
  const def = collections.find((c) => c.name === folder);
  const out: string[] = [];
  for (const [key, field] of Object.entries(def?.fields ?? {})) {
    if (!field.meta.fileId || !e.newRecord) continue;
    const id = typeof e.data[key] === 'string' ? e.data[key] : '';
    const taken = (existing as Record<string, readonly string[] | undefined>)[folder] ?? [];
    if (!id) out.push(`请填写“${field.meta.label}”：新文件以它命名，只能用小写字母、数字和连字符。`);
    else if (taken.includes(id)) out.push(`“${field.meta.label}”${id} 已被使用：请换一个编号。`);
  }
  if (def?.perRound) {
    const stated = typeof e.data.round === 'string' && e.data.round ? e.data.round : undefined;
    const round = e.newRecord ? stated : roundOfPath(e.path, folder);
    if (!round) out.push(e.newRecord ? '请选择轮次。' : `文件“${e.path}”不在任何轮次的文件夹中：应放在 ${folder}/<轮次编号>/ 下。`);
    else if (rounds.length && !rounds.includes(round)) out.push(`文件所在文件夹“${round}”不是已建立的轮次：请先在“轮次”中建立它，或把文件移到已有轮次的文件夹中。`);
    if (!e.newRecord && round && stated && stated !== round) out.push(`轮次“${stated}”与文件所在文件夹“${round}”不一致。`);
  }
  // Everything `npm run check` checks in one file, on exactly the data that will be written.
  if (def && !def.file) {
    const { body: _body, ...front } = fileData(e.data);
    const result = def.schema.safeParse(front);
    if (!result.success) {
      for (const issue of result.error.issues) {
        // The message names the field by its Chinese label (the path, e.g. review.by, is for machines).
        out.push(issueToProblem(issue, '', def.fields, front).message);
      }
    }
  }
  return [...new Set(out)];
}
