import { describe, expect, test } from 'vitest';
import { checkApiRequest } from '../../src/cms/checkApiRequest.ts';
import { cmsPaths } from '../../src/cms/cmsPaths.ts';
import { RwLock } from '../../src/cms/rwLock.ts';
import { foreignRequest } from '../../src/integrations/cmsApi.ts';

const paths = cmsPaths('main');
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const entry = (path: string, extra: Record<string, unknown> = {}) => ({
  action: 'persistEntry',
  params: {
    branch: 'main',
    entry: { slug: 'x', path, raw: 'x', ...extra },
    assets: [],
    options: { collectionName: 'members', commitMessage: 'x' },
  },
});

describe('checkApiRequest', () => {
  test('the collections’ folders, files and the media folder come from the Decap config', () => {
    expect(paths.folders.map((f) => f.folder)).toContain('content/pledges');
    expect(paths.folders.find((f) => f.collection === 'pledges')?.subfolders).toBe(1);
    expect(paths.folders.find((f) => f.collection === 'members')?.subfolders).toBe(0);
    expect(paths.files.map((f) => f.file)).toEqual(['content/site.json']);
    expect(paths.mediaFolder).toBe('public/uploads');
  });

  test.each([
    ['content/pledges/2025/a.md', true],
    ['content/members/a.md', true],
    ['content/site.json', true],
    ['content/members/2025/a.md', false], // members have no round folder
    ['content/pledges/2025/x/a.md', false],
    ['content/pledges/2025/a.ts', false],
    ['content/pledges/../../src/a.md', false],
    ['content/members/.a.md', false],
    ['src/pages/a.md', false],
    ['/content/members/a.md', false],
    ['content/members\\a.md', false],
    ['package.json', false],
  ])('persistEntry to %s: allowed %s', (path, ok) => {
    const r = checkApiRequest(paths, entry(path));
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.write).toBe(true);
    else expect(r.message).toContain(path.slice(0, 20));
  });

  test('a rename target is checked too: in the same folder only, and it must not exist yet', () => {
    expect(checkApiRequest(paths, entry('content/members/a.md', { newPath: 'src/a.md' })).ok).toBe(false);
    expect(checkApiRequest(paths, entry('content/site.json', { newPath: 'content/members/zz.md' })).ok).toBe(false);
    expect(checkApiRequest(paths, entry('content/pledges/2025/y.md', { newPath: 'content/pledges/2025/x.md/z.md' })).ok).toBe(false);
    const ok = checkApiRequest(paths, entry('content/members/a.md', { newPath: 'content/members/b.md' }));
    expect(ok).toMatchObject({ ok: true, fresh: ['content/members/b.md'] });
  });

  test('only checked fields go on: unknown keys dropped, hasSubfolders forced off, one-line commit message, known collection', () => {
    const body = {
      action: 'persistEntry',
      params: {
        branch: 'main',
        cmsLabelPrefix: '../../x',
        entry: { slug: 'a', path: 'content/members/a.md', raw: 'x', extra: 1 },
        assets: [],
        options: {
          collectionName: 'members',
          commitMessage: 'Update a\n\n编辑：someone-else',
          useWorkflow: false,
          status: 'draft',
          hasSubfolders: true,
          evil: 1,
        },
      },
    };
    const r = checkApiRequest(paths, body);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body).toEqual({
      action: 'persistEntry',
      params: {
        branch: 'main',
        entry: { slug: 'a', path: 'content/members/a.md', raw: 'x' },
        assets: [],
        options: { collectionName: 'members', commitMessage: 'Update a', useWorkflow: false, status: 'draft', hasSubfolders: false },
      },
    });
    expect(
      checkApiRequest(paths, { ...body, params: { ...body.params, options: { ...body.params.options, collectionName: '../x' } } }).ok,
    ).toBe(false);
  });

  test('without the workflow (npm run lan), drafts and workflow actions are refused', () => {
    const simple = { workflow: false };
    const draft = entry('content/members/a.md');
    (draft.params.options as Record<string, unknown>).useWorkflow = true;
    expect(checkApiRequest(paths, draft, simple).ok).toBe(false);
    expect(checkApiRequest(paths, draft).ok).toBe(true);
    for (const action of ['unpublishedEntries', 'publishUnpublishedEntry', 'updateUnpublishedEntryStatus']) {
      expect(
        checkApiRequest(paths, { action, params: { branch: 'main', collection: 'members', slug: 'a', newStatus: 'draft' } }, simple).ok,
        action,
      ).toBe(false);
    }
    expect(
      checkApiRequest(paths, { action: 'publishUnpublishedEntry', params: { branch: 'main', collection: 'members', slug: 'a' } }).ok,
    ).toBe(true);
    expect(
      checkApiRequest(paths, { action: 'publishUnpublishedEntry', params: { branch: 'main', collection: 'members', slug: '../a' } }).ok,
    ).toBe(false);
    expect(checkApiRequest(paths, { action: 'unpublishedEntry', params: { branch: 'main', id: 'pledges/2025/a' } })).toMatchObject({
      ok: true,
      body: { params: { collection: 'pledges', slug: '2025/a' } },
    });
  });

  test('uploads must be raster images or PDF by content, with an agreeing name, in the media folder', () => {
    const up = (path: string, bytes: Buffer) =>
      checkApiRequest(paths, {
        action: 'persistMedia',
        params: { branch: 'main', asset: { path, content: bytes.toString('base64'), encoding: 'base64' } },
      });
    expect(up('public/uploads/a.png', png)).toMatchObject({ ok: true, write: true });
    expect(up('public/uploads/a.svg', Buffer.from('<svg onload="x()"/>'))).toMatchObject({ ok: false, status: 415 });
    expect(up('public/uploads/a.html', png)).toMatchObject({ ok: false, status: 415 });
    expect(up('public/a.png', png)).toMatchObject({ ok: false, status: 403 });
    expect(up('public/uploads/sub/a.png', png)).toMatchObject({ ok: false, status: 403 });
  });

  test('reads are reads, unknown actions and other branches are refused, messages never quote unbounded input', () => {
    expect(checkApiRequest(paths, { action: 'getEntry', params: { branch: 'main', path: 'content/site.json' } })).toMatchObject({
      ok: true,
      write: false,
    });
    expect(checkApiRequest(paths, { action: 'getEntry', params: { branch: 'other', path: 'content/site.json' } }).ok).toBe(false);
    expect(checkApiRequest(paths, { action: 'runShell', params: {} }).ok).toBe(false);
    const long = checkApiRequest(paths, { action: 'getEntry', params: { branch: 'main', path: `src/${'x'.repeat(100_000)}` } });
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.message.length).toBeLessThan(400);
  });
});

describe('checkApiRequest: a month saved at once, and the bytes it was based on', () => {
  const month = (n: number, options: Record<string, unknown> = {}) => ({
    action: 'persistEntry',
    params: {
      branch: 'main',
      dataFiles: Array.from({ length: n }, (_, i) => ({ slug: `2025/p${i}`, path: `content/pledges/2025/p${i}.md`, raw: 'x' })),
      assets: [],
      options: { collectionName: 'pledges', commitMessage: '本月记实', ...options },
    },
  });
  const hash = 'ab'.repeat(32);

  test('up to 200 entry files in one save; 201 are refused, naming the limit', () => {
    expect(checkApiRequest(paths, month(200))).toMatchObject({ ok: true, write: true });
    expect(checkApiRequest(paths, month(201))).toMatchObject({
      ok: false,
      status: 413,
      message: '一次最多保存 200 个条目文件，这次有 201 个。',
    });
  });

  test('the same file twice in one save is refused', () => {
    const body = month(2);
    body.params.dataFiles[1].path = body.params.dataFiles[0].path;
    expect(checkApiRequest(paths, body)).toMatchObject({
      ok: false,
      status: 422,
      message: '条目“content/pledges/2025/p0.md”在一次保存中出现了两次。',
    });
  });

  test('expected: SHA-256 (any case) or null per saved file, returned to the caller and never sent on to decap-server', () => {
    const r = checkApiRequest(
      paths,
      month(2, { expected: { 'content/pledges/2025/p0.md': hash.toUpperCase(), 'content/pledges/2025/p1.md': null } }),
    );
    expect(r).toMatchObject({ ok: true, expected: { 'content/pledges/2025/p0.md': hash, 'content/pledges/2025/p1.md': null } });
    if (r.ok) expect(JSON.stringify(r.body)).not.toContain('expected');
    expect(checkApiRequest(paths, month(1))).not.toHaveProperty('expected');
  });

  test.each([
    ['not an object', ['x'], '参数 expected 应是“文件路径 → SHA-256”的对象。'],
    ['a file not saved here', { 'content/members/a.md': hash }, '参数 expected 中的“content/members/a.md”不是这次保存的文件。'],
    [
      'a short hash',
      { 'content/pledges/2025/p0.md': 'abc' },
      '参数 expected 中“content/pledges/2025/p0.md”的值应是 64 位十六进制的 SHA-256，或 null（表示文件不应存在）。',
    ],
    [
      'a number',
      { 'content/pledges/2025/p0.md': 1 },
      '参数 expected 中“content/pledges/2025/p0.md”的值应是 64 位十六进制的 SHA-256，或 null（表示文件不应存在）。',
    ],
    [
      'more files than saved',
      { 'content/pledges/2025/p0.md': hash, a: hash, b: hash },
      '参数 expected 列出了 3 个文件，多于这次保存的 1 个。',
    ],
  ])('expected that is %s is refused with a Chinese message', (_, expected, message) => {
    expect(checkApiRequest(paths, month(1, { expected }))).toEqual({ ok: false, status: 422, message });
  });
});

describe('foreignRequest', () => {
  test('only the page’s own origin on an allowed host', () => {
    expect(foreignRequest({ host: 'localhost:4321', origin: 'http://localhost:4321' }, ['localhost'])).toBeUndefined();
    expect(foreignRequest({ host: 'cms.lan:8443', origin: 'https://cms.lan:8443' }, ['cms.lan'])).toBeUndefined();
    expect(foreignRequest({ host: 'localhost:4321', origin: 'http://localhost:5555' }, ['localhost'])).toMatch(/已拒绝/);
    expect(foreignRequest({ host: 'localhost:4321' }, ['localhost'])).toMatch(/Origin/);
    expect(foreignRequest({ host: 'evil.example', origin: 'http://evil.example' }, ['localhost'])).toMatch(/CMS_ALLOWED_HOSTS/);
    expect(
      foreignRequest({ host: 'localhost:4321', origin: 'http://localhost:4321', 'sec-fetch-site': 'same-site' }, ['localhost']),
    ).toBeDefined();
  });
});

describe('RwLock', () => {
  test('a write waits for running reads and runs alone; later reads wait for it', async () => {
    const lock = new RwLock();
    const log: string[] = [];
    const gate = () => {
      let open!: () => void;
      const p = new Promise<void>((r) => (open = r));
      return { p, open };
    };
    const r1 = gate();
    const w = gate();
    const a = lock.read(async () => {
      log.push('r1 start');
      await r1.p;
      log.push('r1 end');
    });
    const b = lock.write(async () => {
      log.push('w start');
      await w.p;
      log.push('w end');
    });
    const c = lock.read(async () => log.push('r2'));
    const d = lock.write(async () => log.push('w2'));
    await Promise.resolve();
    expect(log).toEqual(['r1 start']);
    r1.open();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual(['r1 start', 'r1 end', 'w start']);
    w.open();
    await Promise.all([b, c, d]);
    expect(log).toEqual(['r1 start', 'r1 end', 'w start', 'w end', 'r2', 'w2']);
  });
});
