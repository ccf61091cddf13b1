/**
 * When the local server goes away: `npm start` (or `npm run lan`) stopped or restarted while the admin is open.
 * Decap would say only “加载条目失败：TypeError: Failed to fetch”, and only when the secretary next clicks. Here a
 * bar at the foot of the page says at once, in Chinese, what happened and what to do, and the requests Decap makes
 * in the meantime fail with the same words instead of the browser's.
 *
 * Only requests to this page's own `/api/v1` are watched, and only once the server there has answered the status
 * action with its instance (`{ "action": "status" }`, src/integrations/cmsApi.ts): a git host's API, even one on the
 * same origin, is never mistaken for it. From then on the server is asked every few seconds: no answer means
 * stopped, another instance means restarted.
 * Nothing typed is lost meanwhile: Decap keeps a backup of the entry being edited in the browser (IndexedDB) and,
 * after the page is reloaded, offers it back when the entry is opened (admin/backupRestore.ts keeps it offered back
 * when the entry arrives from the restarted server after the answer).
 */
import './backupRestore.ts';

const API_PATH = '/api/v1';
const BAR_ID = 'pb-server-watch';
/** How often the server is asked while it answers, and while it does not. */
const POLL_MS = 5000;
const RETRY_MS = 2000;

type State = 'up' | 'down' | 'restarted';

const kept = '已填写还没有保存的内容留在本机浏览器里：刷新后打开同一条目，后台会询问是否恢复，请选“确定”。';

/** The page was opened on this computer (npm start) rather than from another one (npm run lan). */
const local = () => ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);

/** What the bar says in each state. */
function barText(state: Exclude<State, 'up'>): string {
  if (state === 'restarted') return `本机后台已重新启动：请刷新本页后再继续。${kept}`;
  return local()
    ? `本机后台已停止：请重新运行 npm start，然后刷新本页。${kept}`
    : `连不上后台服务器（可能已停止）：请管理员重新运行 npm run lan，然后刷新本页。${kept}`;
}

/** The shorter words a failed request of Decap's carries into its own notice (加载条目失败：…). */
const requestFailed = () =>
  local() ? '本机后台已停止，请重新运行 npm start 后刷新本页。' : '连不上后台服务器，请管理员重新运行 npm run lan 后刷新本页。';

function showBar(state: State): void {
  let bar = document.getElementById(BAR_ID);
  if (state === 'up') {
    bar?.remove();
    return;
  }
  if (!bar) {
    bar = document.createElement('div');
    bar.id = BAR_ID;
    bar.setAttribute('role', 'alert');
    bar.style.cssText =
      'position:fixed;left:0;right:0;bottom:0;z-index:100000;padding:.75rem 1rem;background:#fdecea;color:#7a1c12;border-top:3px solid #b3261e;font-size:1rem;line-height:1.5;text-align:center';
    document.body.append(bar);
  }
  bar.dataset.pbServerState = state;
  bar.textContent = barText(state);
}

/** Whether a fetch goes to this page's own local backend. */
function isLocalApi(input: RequestInfo | URL): boolean {
  try {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    return url.origin === location.origin && url.pathname === API_PATH;
  } catch {
    return false;
  }
}

/** Installs the watch (once). */
function watchServer(): void {
  const original = window.fetch.bind(window);
  let state: State = 'up';
  let instance: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watching = false;
  /** The server at /api/v1 answered, but not as ours (a git host on the same origin): nothing more is asked. */
  let foreign = false;

  /** The server has shown itself to be ours (the local backend): only then is anything said. */
  const ours = () => instance !== undefined;

  const set = (next: State) => {
    if (!ours()) return;
    // A restart is told until the page is reloaded: the admin open now was loaded from the server that went away.
    if (state === 'restarted' && next !== 'restarted') return;
    state = next;
    showBar(state);
  };

  async function probe(): Promise<void> {
    try {
      const res = await original(API_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"action":"status"}',
        cache: 'no-store',
      });
      const body = (await res.json().catch(() => ({}))) as { instance?: unknown };
      // An answer without an instance (another server, a refusal) says only that something is there.
      if (typeof body.instance !== 'string') {
        foreign = !ours();
        return set('up');
      }
      instance ??= body.instance;
      set(body.instance === instance ? 'up' : 'restarted');
    } catch {
      set('down');
    }
  }

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const next = () => foreign || schedule(state === 'down' ? RETRY_MS : POLL_MS);
      if (document.visibilityState === 'hidden') return next();
      void probe().then(next);
    }, ms);
  };

  const start = () => {
    if (watching) return;
    watching = true;
    schedule(0);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && !foreign && schedule(0));
    window.addEventListener('online', () => foreign || schedule(0));
  };

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (!isLocalApi(input)) return original(input, init);
    try {
      const res = await original(input, init);
      // The local backend is in use: from now on it is watched.
      start();
      return res;
    } catch (e) {
      // A timeout is Decap's own to report; so is any failure before the server has shown itself to be ours.
      if ((e as Error | undefined)?.name === 'AbortError' || !ours()) throw e;
      set('down');
      schedule(RETRY_MS);
      const failed = new Error(requestFailed());
      // Decap shows `${error}`: with no name, only the message.
      failed.name = '';
      throw failed;
    }
  };
}

watchServer();
