/**
 * Renames of a save done, and awaited, before decap-server sees it. decap-server (3.11) starts the move of a renamed
 * entry without awaiting it (`dataFiles.forEach(async …)`), in both modes: in file mode it answers "entry persisted"
 * before the file has moved, in git mode it runs `git add .` and commits while files are still moving (the commit
 * misses some, or fails and is answered 500 with the files moved anyway). So the decap-server runner
 * (decapServerMain.ts) puts this in front of it: each renamed file is moved to its new name first, awaited, and the
 * save goes on to decap-server as a save at the new name, which it writes (and commits) awaiting every step.
 *
 * The CMS API has checked the request (src/cms/checkApiRequest.ts: both names in the entry's folder, no symlink) and
 * that the old name exists and the new one does not, under its write lock; a new name taken all the same is
 * refused here too, never overwritten. Renames under the review workflow are refused: there decap-server checks
 * out a branch before writing, which a move made on the main branch's files would spoil.
 */
import { lstat, mkdir, rename } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';

interface DataFile {
  path?: unknown;
  newPath?: unknown;
}

interface Request {
  body?: { action?: unknown; params?: { entry?: DataFile; dataFiles?: DataFile[]; options?: { useWorkflow?: unknown } } };
}

interface Response {
  status(code: number): { json(body: unknown): void };
}

/** `path` under `root`, or an error for one outside it. */
function inside(root: string, path: string): string {
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (!rel || rel.startsWith('..') || resolve(root, rel) !== full) throw new Error(`“${path}”不在项目文件夹中。`);
  return full;
}

const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

/** The middleware (express's shape) for POST /api/v1 of the decap-server in `root`. */
export function awaitedRenames(root: string) {
  return async function renameFirst(req: Request, res: Response, next: () => void): Promise<void> {
    const params = req.body?.action === 'persistEntry' ? req.body.params : undefined;
    const files = params ? (params.dataFiles ?? (params.entry ? [params.entry] : [])) : [];
    const moves = files.filter((f) => typeof f.newPath === 'string' && typeof f.path === 'string');
    if (!moves.length) return next();
    if (params?.options?.useWorkflow === true) {
      res.status(422).json({ error: '审核流程中的条目不能改名。' });
      return;
    }
    let pairs: { from: string; to: string }[];
    try {
      pairs = moves.map((f) => ({ from: inside(root, f.path as string), to: inside(root, f.newPath as string) }));
    } catch (e) {
      res.status(403).json({ error: (e as Error).message });
      return;
    }
    for (const [i, p] of pairs.entries()) {
      if (!(await exists(p.from))) return void res.status(409).json({ error: `“${moves[i].path}”已不存在，不能改名。` });
      if (await exists(p.to)) return void res.status(409).json({ error: `“${moves[i].newPath}”已经存在，不能改名为它。` });
    }
    const done: { from: string; to: string }[] = [];
    let at = 0;
    try {
      for (const [i, p] of pairs.entries()) {
        at = i;
        await mkdir(dirname(p.to), { recursive: true });
        await rename(p.from, p.to);
        done.push(p);
      }
    } catch (e) {
      // Put back what was moved: the save is refused whole, naming the file that could not be moved and why.
      for (const p of done.reverse()) await rename(p.to, p.from).catch(() => undefined);
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === 'EACCES' || code === 'EPERM' ? '没有权限' : code === 'EBUSY' ? '文件正被其他程序占用' : `系统错误 ${code ?? '未知'}`;
      res.status(500).json({
        error: `“${moves[at].path}”没能改名为“${moves[at].newPath}”（${why}），已恢复原来的文件名，这次保存没有生效。`,
      });
      return;
    }
    for (const f of moves) {
      // decap-server writes the entry at its new name: nothing is left for it to move.
      f.path = f.newPath;
      delete f.newPath;
    }
    next();
  };
}
