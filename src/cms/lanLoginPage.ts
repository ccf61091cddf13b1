/**
 * The LAN mode's login and logout pages (src/cms/lanGate.ts): plain HTML forms that work without script, in
 * Chinese, each saying what happened and what to do.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 承诺践诺评诺公开栏</title>
<style>
body{font:16px/1.6 system-ui,sans-serif;margin:0;background:#f6f3ef;color:#222}
main{max-width:26rem;margin:10vh auto;padding:1.5rem 2rem;background:#fff;border-top:4px solid #b3261e}
h1{font-size:1.3rem;margin:0 0 1rem}
label{display:block;margin:.8rem 0 .2rem}
input{width:100%;box-sizing:border-box;padding:.5rem;font:inherit}
button{margin-top:1.2rem;padding:.5rem 1.5rem;font:inherit;background:#b3261e;color:#fff;border:0;cursor:pointer}
[role=alert]{background:#fdecea;color:#7a1c12;padding:.5rem .75rem}
[role=status]{background:#e8f3ea;color:#1d5b2a;padding:.5rem .75rem}
</style>
</head>
<body><main>${body}</main></body>
</html>
`;
}

/** The login form; `next` is where it goes after logging in, `note` a message above it. */
export function loginPage(o: { next: string; user?: string; note?: { text: string; kind: 'alert' | 'status' } }): string {
  const note = o.note ? `<p role="${o.note.kind}">${escapeHtml(o.note.text)}</p>` : '';
  return page(
    '登录',
    `<h1>内容管理后台：请登录</h1>
${note}<form method="post" action="/_lan/login">
<input type="hidden" name="next" value="${escapeHtml(o.next)}">
<label for="user">用户名</label>
<input id="user" name="user" autocomplete="username" required value="${escapeHtml(o.user ?? '')}">
<label for="password">密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form>
<p>用完后请<a href="/_lan/logout">退出登录</a>，尤其是在多人共用的电脑上。</p>`,
  );
}

/** The logout page: who is logged in, and the button (a POST, so that a link on another page cannot log out). */
export function logoutPage(user: string | undefined): string {
  return page(
    '退出登录',
    user
      ? `<h1>退出登录</h1>
<p>当前登录的用户：${escapeHtml(user)}。</p>
<form method="post" action="/_lan/logout"><button type="submit">退出登录</button></form>`
      : `<h1>退出登录</h1>
<p role="status">您没有登录（或已经退出）。</p>
<p><a href="/_lan/login">重新登录</a></p>`,
  );
}
