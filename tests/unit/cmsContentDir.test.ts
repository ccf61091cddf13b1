/** The folder the CMS edits follows CONTENT_DIR inside the project; one outside gets no CMS rather than content/. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { cmsContentDir } from '../../src/cms/cmsContentDir.ts';
import { checkApiRequest } from '../../src/cms/checkApiRequest.ts';
import { cmsPaths } from '../../src/cms/cmsPaths.ts';
import { createCmsApi } from '../../src/integrations/cmsApi.ts';

const entry = (path: string) => ({
  action: 'persistEntry',
  params: { branch: 'main', entry: { slug: 'x', path, raw: 'x' }, assets: [], options: { collectionName: 'members', commitMessage: 'x' } },
});

describe('cmsContentDir', () => {
  test('a folder inside the project is named relative to it; the project itself or a folder outside is not', () => {
    expect(cmsContentDir('/srv/board', '/srv/board/本支部')).toBe('本支部');
    expect(cmsContentDir('/srv/board', '/srv/board/examples/monthly')).toBe('examples/monthly');
    expect(cmsContentDir('/srv/board', '/srv/other/content')).toBeUndefined();
    expect(cmsContentDir('/srv/board', '/srv/board')).toBeUndefined();
  });

  test('the CMS API allows the collections of that folder and refuses content/', () => {
    const paths = cmsPaths('main', 'examples/monthly');
    expect(checkApiRequest(paths, entry('examples/monthly/members/a.md')).ok).toBe(true);
    expect(checkApiRequest(paths, entry('content/members/a.md')).ok).toBe(false);
    expect(paths.files.map((f) => f.file)).toEqual(['examples/monthly/site.json']);
  });
});

describe('the CMS API with CONTENT_DIR outside the project', () => {
  const saved = process.env.CONTENT_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.CONTENT_DIR;
    else process.env.CONTENT_DIR = saved;
  });

  test('answers every request with a Chinese message naming the folder, and forwards nothing', async () => {
    process.env.CONTENT_DIR = '/elsewhere/本支部';
    const handle = createCmsApi({ root: '/srv/board', socket: '/nonexistent.sock' });
    let status = 0;
    let body = '';
    const res = {
      statusCode: 0,
      setHeader() {},
      end(this: { statusCode: number }, text: string) {
        status = this.statusCode;
        body = text;
      },
    } as unknown as ServerResponse;
    await handle({ headers: { host: 'localhost', origin: 'http://localhost' }, method: 'POST' } as unknown as IncomingMessage, res);
    expect(status).toBe(409);
    expect(JSON.parse(body).error).toContain('内容目录“/elsewhere/本支部”在项目文件夹之外');
  });
});
