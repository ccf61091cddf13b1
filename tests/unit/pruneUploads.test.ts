/** A scope build keeps only the uploads its own files refer to (src/loader/pruneUploads.ts, src/lib/uploadRefs.ts). */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { uploadRefs } from '../../src/lib/uploadRefs.ts';
import { pruneUploads } from '../../src/loader/pruneUploads.ts';
import { walk } from '../build/buildSite.ts';

describe('uploadRefs', () => {
  test('finds each upload by its name, percent-encoded or not, HTML-escaped or not, under any base', () => {
    const refs = uploadRefs(
      '<img src="/gongkai/uploads/%E5%90%88%E5%BD%B1.png"><a href="/uploads/a&amp;b.pdf">附件</a> {"u":"https://x.example/uploads/sub/c.png"}',
    );
    expect([...refs]).toEqual(expect.arrayContaining(['合影.png', '%E5%90%88%E5%BD%B1.png', 'a&b.pdf', 'sub/c.png']));
    expect(uploadRefs('/uploads/%E5%zz.png')).toEqual(new Set(['%E5%zz.png']));
    // A relative address written by hand, and names that only end in "uploads": the first refers, the others do not.
    expect(uploadRefs('<img src="uploads/d.png">')).toEqual(new Set(['d.png']));
    expect(uploadRefs('/myuploads/e.png /my.uploads/f.png')).toEqual(new Set());
    expect(uploadRefs('没有附件')).toEqual(new Set());
  });
});

describe('pruneUploads', () => {
  function site(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'prune-uploads-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return dir;
  }

  test('removes the uploads no emitted file refers to, and the folders they leave empty', () => {
    const dir = site({
      'index.html': '<img src="/uploads/%E5%90%88%E5%BD%B1.png">',
      'data/pledges.json': '{"file":"/uploads/sub/b.pdf"}',
      // A binary file is not read for references: a name inside an image refers to nothing.
      'favicon.png': '/uploads/c.png',
      'uploads/合影.png': 'png',
      'uploads/sub/b.pdf': 'pdf',
      'uploads/c.png': 'png',
      'uploads/only/d.png': 'png',
    });
    expect(pruneUploads(dir)).toEqual({ kept: 2, removed: 2 });
    expect(
      walk(dir)
        .filter((f) => f.startsWith('uploads/'))
        .sort(),
    ).toEqual(['uploads/sub/b.pdf', 'uploads/合影.png']);
    expect(existsSync(join(dir, 'uploads/only'))).toBe(false);
  });

  test('a site that refers to no upload carries no uploads folder; one without uploads is left as it is', () => {
    const none = site({ 'index.html': '<p>公开栏</p>', 'uploads/x.png': 'png' });
    expect(pruneUploads(none)).toEqual({ kept: 0, removed: 1 });
    expect(existsSync(join(none, 'uploads'))).toBe(false);
    const bare = site({ 'index.html': '<p>公开栏</p>' });
    expect(pruneUploads(bare)).toEqual({ kept: 0, removed: 0 });
    expect(walk(bare)).toEqual(['index.html']);
  });
});
