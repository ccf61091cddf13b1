/** The admin's file format and save rules, on the sample as it is on disk and on hand-written files. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fileData, readEntry, writeEntry } from '../../admin/contentFormat.ts';
import { saveBlockers } from '../../admin/saveRules.ts';
import { learn } from '../../admin/siteFacts.ts';
import { parseMarkdown } from '../../src/lib/parseContentFile.ts';
import { collections } from '../../src/schemas/collections.ts';

const content = new URL('../../content/', import.meta.url).pathname;

function sampleFiles(folder: string): string[] {
  const dir = join(content, folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f));
}

const folders = collections.filter((c) => !c.file);

describe('readEntry / writeEntry', () => {
  test.each(folders.map((c) => [c.name, c] as const))('every sample %s file reads and writes back to the same data', (_, def) => {
    for (const file of sampleFiles(def.name)) {
      const text = readFileSync(file, 'utf8');
      const written = writeEntry(def, readEntry(def, text));
      expect(parseMarkdown(written, file), file).toEqual(parseMarkdown(text, file));
    }
  });

  test('reads a hand-written file (BOM, CRLF, comments, unquoted dates, no round) and writes the same data', () => {
    const def = folders.find((c) => c.name === 'pledges')!;
    const text =
      '\uFEFF---\r\n# 手写的文件\r\nowner: cao-lin\r\ncategory: study\r\ntitle: 读一本党史书\r\ndeadline: 2025-06-30\r\nreview:\r\n  status: draft\r\n---\r\n每月读两章。\r\n';
    const data = readEntry(def, text);
    expect(data).toMatchObject({ owner: 'cao-lin', deadline: '2025-06-30', body: '每月读两章。' });
    expect(parseMarkdown(writeEntry(def, data), 'x')).toEqual(parseMarkdown(text, 'x'));
  });

  test('derives names and labels for the lists, and never writes them', () => {
    learn('orgs', [{ slug: 'jiaoshi-er', data: { name: '第二教师党支部（高中部）' } }]);
    learn('members', [{ slug: 'cao-lin', data: { name: '曹林', org: 'jiaoshi-er' } }]);
    const def = folders.find((c) => c.name === 'pledges')!;
    const data = readEntry(def, '---\nowner: cao-lin\ncategory: study\ntitle: 读书\nreview:\n  status: draft\n---\n');
    expect(data).toMatchObject({ view_owner: '曹林', view_category: '学习', view_kind: 'member' });
    // A second 曹林 elsewhere: each is named with the branch, in the lists as in the pickers.
    learn('orgs', [{ slug: 'jiaoshi-yi', data: { name: '第一教师党支部（初中部）' } }]);
    learn('members', [{ slug: 'cao-lin-2', data: { name: '曹林', org: 'jiaoshi-yi' } }]);
    expect(readEntry(def, '---\nowner: cao-lin\ntitle: 读书\nreview:\n  status: draft\n---\n').view_owner).toBe(
      '曹林 · 第二教师党支部（高中部）',
    );
    expect(writeEntry(def, data)).not.toContain('view_');
    const org = readEntry(def, '---\nowner: jiaoshi-er\ntitle: 建好阵地\nreview:\n  status: draft\n---\n');
    expect(org.view_kind).toBe('org');
  });

  test('puts keys back in field-table order, whatever order the form returns them in', () => {
    const def = folders.find((c) => c.name === 'pledges')!;
    const text = writeEntry(def, {
      records: [{ progress: 10, note: '开始', date: '2025-03-01' }],
      title: '读书',
      owner: 'cao-lin',
      review: { date: '2025-02-01', status: 'approved', by: 'yang-fan' },
      body: '',
    });
    expect(text).toBe(
      "---\nowner: cao-lin\ntitle: 读书\nreview:\n  status: approved\n  by: yang-fan\n  date: '2025-02-01'\nrecords:\n  - date: '2025-03-01'\n    note: 开始\n    progress: 10\n---\n",
    );
  });

  test('marks a file it cannot parse, and the admin refuses to save over it', () => {
    const def = folders.find((c) => c.name === 'members')!;
    const data = readEntry(def, '---\nname: 张三\n  org: x\n---\n');
    expect(data.view_unreadable).toMatch(/字段区/);
    expect(
      saveBlockers({ collection: 'members', newRecord: false, path: 'content/members/zhang-san.md', data }, { rounds: ['2025'] })[0],
    ).toMatch(/格式有误.*文本编辑器/);
  });
});

describe('what a cleared field leaves in the form', () => {
  test('is left out of the file, so the file passes the check', () => {
    const pledges = folders.find((c) => c.name === 'pledges')!;
    const orgs = folders.find((c) => c.name === 'orgs')!;
    // Decap's select gives null when cleared, its number widget '', an emptied group {}.
    const form = {
      owner: 'cao-lin',
      category: null,
      title: '读书',
      review: { status: 'draft', note: '  ' },
      closed: { date: '', verifiedBy: null },
      measures: [],
      body: '',
    };
    const text = writeEntry(pledges, form);
    expect(text).toBe('---\nowner: cao-lin\ntitle: 读书\nmeasures: []\nreview:\n  status: draft\n---\n');
    expect(pledges.schema.safeParse(parseMarkdown(text, 'x').data).success).toBe(true);
    const org = writeEntry(orgs, { name: '第三支部', level: 'branch', unitType: 'school', order: '', parent: 'zongzhi', body: '' });
    expect(orgs.schema.safeParse(parseMarkdown(org, 'x').data).success).toBe(true);
  });

  test('is refused when the schema needs it, with the check’s Chinese message', () => {
    const form = {
      owner: 'cao-lin',
      category: null,
      title: '读书',
      review: { status: 'approved', by: 'yang-fan', date: '2025-02-01' },
      measures: ['每月两章'],
      deadline: '2025-06-30',
      closed: { date: '', verifiedBy: null },
    };
    expect(
      saveBlockers(
        { collection: 'pledges', newRecord: false, path: 'content/pledges/2025/cao-lin-x.md', data: form },
        { rounds: ['2025'] },
      ),
    ).toEqual(['审核通过的承诺必须选择类别（学习、工作、自律、服务）。']);
  });
});

describe('saveBlockers', () => {
  test('refuses a new member, org or round whose id is taken (Decap would save it as zhang-san-1.md)', () => {
    const data = { id: 'cao-lin', name: '曹林', org: 'jiaoshi-er', status: 'active' };
    expect(saveBlockers({ collection: 'members', newRecord: true, data }, { rounds: [], members: ['cao-lin'] })).toEqual([
      '“党员编号”cao-lin 已被使用：请换一个编号。',
    ]);
    expect(
      saveBlockers({ collection: 'members', newRecord: true, data: { ...data, id: 'cao-lin-2' } }, { rounds: [], members: ['cao-lin'] }),
    ).toEqual([]);
  });

  test('lists an unreadable pledge among members’ pledges, where saving it is refused', () => {
    const def = folders.find((c) => c.name === 'pledges')!;
    expect(readEntry(def, '---\nowner: [\n---\n').view_kind).toBe('member');
  });

  const pledge = { owner: 'cao-lin', title: '读书', review: { status: 'draft' } };

  test('lets an existing per-round file without a round save: its folder is its round', () => {
    expect(
      saveBlockers(
        { collection: 'pledges', newRecord: false, path: 'content/pledges/2025/cao-lin-study.md', data: pledge },
        { rounds: ['2025'] },
      ),
    ).toEqual([]);
  });

  test('refuses a file whose folder names no round that exists', () => {
    const check = { org: 'jiaoshi-er', quarter: 'q1', date: '2030-03-31' };
    expect(
      saveBlockers({ collection: 'checks', newRecord: false, path: 'content/checks/2030/x.md', data: check }, { rounds: ['2025'] }),
    ).toEqual(['文件所在文件夹“2030”不是已建立的轮次：请先在“轮次”中建立它，或把文件移到已有轮次的文件夹中。']);
    expect(
      saveBlockers({ collection: 'checks', newRecord: false, path: 'content/checks/2030/x.md', data: check }, { rounds: ['2025', '2030'] }),
    ).toEqual([]);
  });

  test('refuses a round that contradicts the folder, and a new file without a round', () => {
    expect(
      saveBlockers(
        { collection: 'org-pledges', newRecord: false, path: 'content/pledges/2025/x.md', data: { ...pledge, round: '2024' } },
        { rounds: ['2024', '2025'] },
      ),
    ).toEqual(['轮次“2024”与文件所在文件夹“2025”不一致。']);
    const review = {
      reviewer: 'yang-fan',
      subject: 'jiaoshi-er',
      date: '2025-12-10',
      period: 'year',
      achievements: '好',
      problems: '少',
      direction: '进',
    };
    expect(saveBlockers({ collection: 'reviews', newRecord: true, data: review }, { rounds: ['2025'] })).toEqual(['请选择轮次。']);
    expect(saveBlockers({ collection: 'reviews', newRecord: true, data: { ...review, round: '2025' } }, { rounds: ['2025'] })).toEqual([]);
    // And everything else the check requires of the file, with its messages.
    expect(saveBlockers({ collection: 'reviews', newRecord: true, data: { round: '2025' } }, { rounds: ['2025'] })).toContain(
      '「点评对象」必须填写。',
    );
    // Who reviewed: a member, or an upper leader named in 上级点评人 — one of the two.
    const { reviewer: _r, ...anonymous } = review;
    expect(saveBlockers({ collection: 'reviews', newRecord: true, data: { ...anonymous, round: '2025' } }, { rounds: ['2025'] })).toEqual([
      expect.stringContaining('请填写点评人'),
    ]);
    expect(
      saveBlockers(
        { collection: 'reviews', newRecord: true, data: { ...anonymous, outsideReviewer: '县教育局党委书记 王某', round: '2025' } },
        { rounds: ['2025'] },
      ),
    ).toEqual([]);
  });

  test('keeps the pledge schema’s cross-field rules, ignoring the derived words', () => {
    const approved = { ...pledge, view_owner: '曹林', review: { status: 'approved' } };
    expect(
      saveBlockers({ collection: 'pledges', newRecord: false, path: 'content/pledges/2025/x.md', data: approved }, { rounds: ['2025'] }),
    ).toEqual([
      '审核通过的承诺必须选择类别（学习、工作、自律、服务）。',
      '审核通过的承诺至少要有一条践诺措施。',
      '审核通过的承诺必须有完成时限。',
      '审核通过的承诺必须填写审核人（最上级组织的组织承诺填写“上级审定”）。',
      '审核通过的承诺必须填写审核日期。',
    ]);
    expect(fileData(approved)).not.toHaveProperty('view_owner');
  });
});
