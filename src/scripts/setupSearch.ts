/**
 * The search box: loads the Pagefind index from this site only when a query
 * is made, and lists results with their excerpts. `?q=` in the address runs a
 * query on load, so results can be linked.
 */
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  search(q: string): Promise<{ results: PagefindResult[] }>;
}

export function setupSearch(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-pagefind]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = document.querySelector<HTMLElement>('.status');
  const list = document.querySelector<HTMLOListElement>('.results');
  if (!form || !input || !status || !list) return;
  const messages = JSON.parse(form.dataset.messages ?? '{}') as { none: string; count: string; loading: string };
  let pagefind: Promise<Pagefind> | undefined;

  const run = async (q: string) => {
    list.replaceChildren();
    if (!q.trim()) {
      status.textContent = '';
      return;
    }
    status.textContent = messages.loading;
    pagefind ??= import(/* @vite-ignore */ form.dataset.pagefind as string) as Promise<Pagefind>;
    const found = await (await pagefind).search(q);
    const data = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
    status.textContent = data.length ? messages.count.replace('{n}', String(found.results.length)) : messages.none;
    for (const d of data) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = d.url;
      a.textContent = d.meta.title ?? d.url;
      const p = document.createElement('p');
      // Pagefind's excerpt is escaped page text with <mark> around the hits.
      p.innerHTML = d.excerpt;
      li.append(a, p);
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
