/**
 * The LAN mode's logins: one line per secretary, `用户名 密码哈希`, the hash
 * made by `caddy hash-password` (bcrypt). Blank lines and `#` comments are
 * ignored. Problems are reported by line, in Chinese.
 */
export interface LanUser {
  name: string;
  hash: string;
}

export function parseLanUsers(text: string, file: string): { users: LanUser[]; errors: string[] } {
  const users: LanUser[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    const [name, hash, ...rest] = t.split(/\s+/);
    const where = `${file} 第 ${i + 1} 行`;
    if (!hash || rest.length) return errors.push(`${where}：应写成“用户名 密码哈希”两项，用空格隔开。`);
    if (!/^[\p{L}\p{N}._@-]{1,40}$/u.test(name))
      return errors.push(`${where}：用户名“${name.slice(0, 40)}”只能由文字、数字和 . _ @ - 组成，最长 40 个字。`);
    if (!/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash) && !/^JDJ[A-Za-z0-9+/=]{70,90}$/.test(hash)) {
      return errors.push(`${where}：密码哈希不对：请用 caddy hash-password 生成（不要写密码本身）。`);
    }
    if (users.some((u) => u.name === name)) return errors.push(`${where}：用户名“${name}”重复。`);
    users.push({ name, hash });
  });
  if (!users.length && !errors.length) errors.push(`${file} 中没有任何用户：每位书记一行“用户名 密码哈希”。`);
  return { users, errors };
}
