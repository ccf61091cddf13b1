/** All or nothing: writeFilesAtomically writes every file or leaves every file as it was, and no temporary file behind. */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFilesAtomically, type FileOps } from '../../src/loader/writeFilesAtomically.ts';

/** Three files a.md, b.md, c.md in a fresh folder, and the writes that append a line to each. */
function three() {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  const writes = ['a', 'b', 'c'].map((n) => {
    const file = join(dir, `${n}.md`);
    writeFileSync(file, `${n}\n`);
    return { file, before: Buffer.from(`${n}\n`), after: Buffer.from(`${n}\n新的一行\n`) };
  });
  const contents = () =>
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
  return { dir, writes, contents };
}

describe('writeFilesAtomically', () => {
  test('writes every file and leaves no temporary file', () => {
    const { writes, contents } = three();
    expect(writeFilesAtomically(writes)).toEqual({ ok: true });
    expect(contents()).toEqual([
      ['a.md', 'a\n新的一行\n'],
      ['b.md', 'b\n新的一行\n'],
      ['c.md', 'c\n新的一行\n'],
    ]);
  });

  test('puts back the files already renamed when a later rename fails', () => {
    const { writes, contents } = three();
    let renames = 0;
    const ops: FileOps = {
      ...fs,
      renameSync: (from, to) => {
        renames += 1;
        if (renames === 2) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
        fs.renameSync(from, to);
      },
    };
    const r = writeFilesAtomically(writes, ops);
    expect(r).toEqual({
      ok: false,
      message: expect.stringMatching(/^没有写入任何文件：写入 .*b\.md 时失败（EBUSY）.*已写入的文件都已恢复原样/),
    });
    expect(contents()).toEqual([
      ['a.md', 'a\n'],
      ['b.md', 'b\n'],
      ['c.md', 'c\n'],
    ]);
  });

  test('writes nothing when a file changed after it was checked', () => {
    const { writes, contents } = three();
    writeFileSync(writes[2].file, 'c\n别人刚改的\n');
    const r = writeFilesAtomically(writes);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^没有写入任何文件：.*c\.md 在检查之后又被修改了/) });
    expect(contents()).toEqual([
      ['a.md', 'a\n'],
      ['b.md', 'b\n'],
      ['c.md', 'c\n别人刚改的\n'],
    ]);
  });
});
