/**
 * The search box: loads the Pagefind index from this site only when a query
 * is made, and lists results with the owner, org and status of a pledge
 * (Pagefind meta set on the pledge page) and their excerpts. `?q=` in the
 * address runs a query on load, so results can be linked.
 *
 * Under `npm start` the index is built by the dev server on first use
 * (src/integrations/devSearch.ts), which answers 503 until it is ready: the
 * status line then says so and the query is tried again by itself. If the
 * index cannot be loaded at all, the status line says that instead of spinning.
 */
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: Record<string, string | undefined> }>;
}
interface Pagefind {
  options(o: { baseUrl?: string }): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] }>;
}
interface Messages {
  none: string;
  count: string;
  loading: string;
  building: string;
  failed: string;
}

/** Meta shown under a result's title, in this order. */
const metaKeys = ['owner', 'org', 'status'] as const;
/** Wait before asking the dev server again for an index that is still being built. */
const retryMs = 2_000;

export function setupSearch(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-pagefind]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = document.querySelector<HTMLElement>('.search-status');
  const list = document.querySelector<HTMLOListElement>('.results');
  if (!form || !input || !status || !list) return;
  const messages = JSON.parse(form.dataset.messages ?? '{}') as Messages;
  const url = form.dataset.pagefind as string;
  const dev = form.dataset.dev !== undefined;
  let pagefind: Promise<Pagefind> | undefined;
  /** The latest query: an older one that is still waiting gives way. */
  let current = 0;

  /** Resolves once the dev server has an index (true), or false when it has failed or the query is stale. */
  const devIndexReady = async (query: number): Promise<boolean> => {
    for (;;) {
      const res = await fetch(url, { cache: 'no-store' });
      // Read to the end: a response left unread is cancelled, which the browser logs as a failed request.
      await res.arrayBuffer();
      if (res.ok) return true;
      if (res.status !== 503 || query !== current) return false;
      status.textContent = messages.building;
      await new Promise((done) => setTimeout(done, retryMs));
      if (query !== current) return false;
    }
  };

  const load = async (): Promise<Pagefind> => {
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    await pf.options({ baseUrl: form.dataset.base ?? '/' });
    return pf;
  };

  const run = async (q: string) => {
    const query = ++current;
    list.replaceChildren();
    if (!q.trim()) {
      status.textContent = '';
      return;
    }
    status.textContent = messages.loading;
    let found: Awaited<ReturnType<Pagefind['search']>>;
    try {
      if (!pagefind && dev && !(await devIndexReady(query))) {
        if (query === current) status.textContent = messages.failed;
        return;
      }
      if (query !== current) return;
      status.textContent = messages.loading;
      pagefind ??= load();
      found = await (await pagefind).search(q);
    } catch {
      // A failed import is not retried by the browser under the same address; a reload is.
      pagefind = undefined;
      if (query === current) status.textContent = messages.failed;
      return;
    }
    const data = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
    if (query !== current) return;
    status.textContent = data.length ? messages.count.replace('{n}', String(found.results.length)) : messages.none;
    for (const d of data) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = d.url;
      a.textContent = d.meta.title ?? d.url;
      li.append(a);
      const facts = metaKeys.map((k) => d.meta[k]?.trim()).filter((v): v is string => !!v);
      if (facts.length) {
        const m = document.createElement('p');
        m.className = 'result-meta';
        m.textContent = facts.join(' · ');
        li.append(m);
      }
      const p = document.createElement('p');
      p.className = 'result-excerpt';
      // Pagefind's excerpt is escaped page text with <mark> around the hits.
      p.innerHTML = d.excerpt;
      li.append(p);
      list.append(li);
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = input.value;
    history.replaceState(null, '', `?q=${encodeURIComponent(q)}`);
    void run(q);
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
