/**
 * What the admin checks before it writes a file, beyond Decap's per-field
 * checks: a file it could not read is never overwritten; a new member, org or
 * round has an id no other file has; a per-round file goes into, or stays in,
 * the folder of a round that exists; a pledge's deadline is inside its round;
 * and the file keeps its whole schema, the rules across fields included. Every
 * message is the one `npm run check` would give, in Chinese, and each carries
 * the path of the field it belongs to, so the form shows it there
 * (admin/widgets/withFieldRules.ts) along with Decap's own field errors.
 */
import { z } from 'astro/zod';
import { deadlineOutsideRound } from '../src/lib/deadlineOutsideRound.ts';
import { fieldAt, issueToProblem } from '../src/lib/issueMessage.ts';
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

/** A round as the admin knows it: its id, and its dates when names.json gives them. */
export type KnownRound = string | { id: string; start?: string; end?: string };

export interface Existing {
  rounds: readonly KnownRound[];
  members?: readonly string[];
  orgs?: readonly string[];
}

/** One reason a save is refused. */
export interface SaveProblem {
  /** The field it belongs to (`['review', 'by']`, `['records', 2, 'date']`); `[]` for the file as a whole. */
  path: (string | number)[];
  message: string;
  /**
   * Decap's own check of the field (required, pattern, number range, list size) reports this too, in its words:
   * the form need not say it twice.
   */
  decapReports: boolean;
}

/** Zod issue codes that stand for what Decap checks field by field from the generated config. */
const decapCodes = new Set(['invalid_type', 'too_small', 'invalid_string', 'invalid_enum_value']);

/**
 * Every reason this save must be refused, each with its field's path; empty when it may go ahead. `existing` holds
 * the rounds, and the ids of the members and orgs (a new file may not take an id that is taken).
 */
export function saveProblems(e: SavedEntry, existing: Existing): SaveProblem[] {
  const rounds = existing.rounds.map((r) => (typeof r === 'string' ? { id: r } : r));
  const roundIds = rounds.map((r) => r.id);
  const out: SaveProblem[] = [];
  const add = (path: (string | number)[], message: string, decapReports = false) => out.push({ path, message, decapReports });
  const unreadable = e.data[`${VIEW_PREFIX}unreadable`];
  if (typeof unreadable === 'string') {
    add([], `这个文件的格式有误，后台无法安全地修改它：${unreadable}请用文本编辑器改正后再在后台编辑。`);
    return out;
  }
  const folder = folderOf(e.collection);
  const def = collections.find((c) => c.name === folder);
  for (const [key, field] of Object.entries(def?.fields ?? {})) {
    if (!field.meta.fileId || !e.newRecord) continue;
    const id = typeof e.data[key] === 'string' ? e.data[key] : '';
    const taken = (existing as unknown as Record<string, readonly string[] | undefined>)[folder] ?? [];
    if (!id) add([key], `请填写“${field.meta.label}”：新文件以它命名，只能用小写字母、数字和连字符。`);
    else if (taken.includes(id)) add([key], `“${field.meta.label}”${id} 已被使用：请换一个编号。`);
  }
  let round: string | undefined;
  if (def?.perRound) {
    const stated = typeof e.data.round === 'string' && e.data.round ? e.data.round : undefined;
    round = e.newRecord ? stated : roundOfPath(e.path, folder);
    // A new file's round is picked in the form; an existing file's is its folder, which no field changes: that is
    // a problem of the file as a whole, said at the top of the form.
    const at = e.newRecord ? ['round'] : [];
    if (!round) add(at, e.newRecord ? '请选择轮次。' : `文件“${e.path}”不在任何轮次的文件夹中：应放在 ${folder}/<轮次编号>/ 下。`);
    else if (roundIds.length && !roundIds.includes(round))
      add(at, `文件所在文件夹“${round}”不是已建立的轮次：请先在“轮次”中建立它，或把文件移到已有轮次的文件夹中。`);
    if (!e.newRecord && round && stated && stated !== round) add(at, `轮次“${stated}”与文件所在文件夹“${round}”不一致。`);
  }
  // Everything `npm run check` checks in one file, on exactly the data that will be written.
  if (def && !def.file) {
    const { body: _body, ...front } = fileData(e.data);
    const result = def.schema.safeParse(front);
    if (!result.success) {
      // Zod checks the rules across fields only once every field passes: ask them here too, so they are said at once.
      const key = (i: z.ZodIssue) => `${i.path.join('.')}\n${i.message}`;
      const seen = new Set(result.error.issues.map(key));
      const issues = [...result.error.issues, ...refinementIssues(def.schema, front).filter((i) => !seen.has(key(i)))];
      for (const issue of issues) {
        // The message names the field by its Chinese label (the path, e.g. review.by, is for machines).
        // Decap checks a number's range and a list's length too (min/max in the config); a text's length it does not.
        const kind = fieldAt(def.fields, issue.path)?.meta.kind;
        const decapBounds = issue.code === 'too_big' && (kind === 'number' || kind === 'list');
        add(issue.path, issueToProblem(issue, '', def.fields, front).message, decapCodes.has(issue.code) || decapBounds);
      }
    }
    if (folder === 'pledges') {
      const outside = deadlineOutsideRound(
        typeof front.deadline === 'string' ? front.deadline : undefined,
        rounds.find((r) => r.id === round),
      );
      if (outside) add(['deadline'], outside);
    }
  }
  return out;
}

/**
 * The issues a schema's rules across fields (its `superRefine`) find in `data` even where a field fails its own rule,
 * which is when zod skips them. A rule that cannot read data this broken is left out: the fields' own problems say why.
 */
function refinementIssues(schema: z.ZodTypeAny, data: unknown): z.ZodIssue[] {
  const issues: z.ZodIssue[] = [];
  let s: z.ZodTypeAny | undefined = schema;
  while (s instanceof z.ZodEffects) {
    const effect = (s as z.ZodEffects<z.ZodTypeAny>)._def.effect;
    if (effect.type === 'refinement') {
      const ctx = {
        path: [],
        addIssue: (i: z.IssueData) => issues.push({ ...i, path: i.path ?? [], message: i.message ?? '' } as z.ZodIssue),
      };
      try {
        effect.refinement(data, ctx as unknown as z.RefinementCtx);
      } catch {
        // Data too broken for this rule.
      }
    }
    s = (s as z.ZodEffects<z.ZodTypeAny>)._def.schema;
  }
  return issues;
}

/** The messages of `saveProblems`, each once: why this save must be refused; empty when it may go ahead. */
export function saveBlockers(e: SavedEntry, existing: Existing): string[] {
  return [...new Set(saveProblems(e, existing).map((p) => p.message))];
}
