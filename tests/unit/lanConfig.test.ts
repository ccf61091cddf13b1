import { describe, expect, test } from 'vitest';
import { caddyfile, editorHeader } from '../../src/cms/caddyfile.ts';
import { parseLanUsers } from '../../src/cms/lanUsers.ts';

const hash = '$2a$14$UVkKT1kPU.dDdaA.A.1sueHZAqWh9UkXPFUimy7mKAeh19TaHonU6';

describe('LAN users file', () => {
  test('one secretary per line, comments and blank lines ignored', () => {
    expect(parseLanUsers(`# 书记\n\nwangfang ${hash}\n李雷 ${hash}\r\n`, 'users')).toEqual({
      users: [
        { name: 'wangfang', hash },
        { name: '李雷', hash },
      ],
      errors: [],
    });
  });
  test('a plain password, a missing hash, a duplicate and an empty file are refused by line', () => {
    const r = parseLanUsers(`wangfang secret123\nlilei\nwangfang ${hash}\nwangfang ${hash}\n`, 'users');
    expect(r.errors).toEqual([
      'users 第 1 行：密码哈希不对：请用 caddy hash-password 生成（不要写密码本身）。',
      'users 第 2 行：应写成“用户名 密码哈希”两项，用空格隔开。',
      'users 第 4 行：用户名“wangfang”重复。',
    ]);
    expect(parseLanUsers('# 空\n', 'users').errors[0]).toContain('没有任何用户');
  });
});

describe('Caddyfile', () => {
  const text = caddyfile({
    host: 'cms.school.lan',
    port: 8443,
    bind: '0.0.0.0',
    upstreamPort: 40000,
    storage: '/var/lib/x/caddy',
    secret: 'abc123',
  });
  test('https with the internal CA, proxy to the dev server on 127.0.0.1 with the secret of this run, a client’s editor header dropped', () => {
    expect(text).toContain('https://cms.school.lan:8443 {');
    expect(text).toContain('tls internal');
    // The login is the dev server's (src/cms/lanGate.ts), which limits attempts: Caddy's basicauth cannot.
    expect(text).not.toContain('basicauth');
    expect(text).toContain('header_up X-Pb-Proxy abc123');
    expect(text).toContain('root "/var/lib/x/caddy"');
    expect(text).toContain('reverse_proxy 127.0.0.1:40000');
    expect(text).toContain(`header_up -${editorHeader}`);
    expect(text).toContain('skip_install_trust');
    expect(text).toContain('admin off');
  });
});
