/**
 * The display screen (src/components/screen/ScreenSlides.astro), for players nobody touches: rotates the
 * slides, fits each to the screen, looks for a new build (`/build.json`) and reloads only when its id
 * changed, between two slides, and only once the new page has been fetched (never onto an error page);
 * while the server is away it keeps what it shows, says so discreetly and retries with a back-off; shifts
 * the picture a few pixels now and then against burn-in and dims it at night when site.json says so.
 * Runs on Chrome 69-class players: built for that target (astro.config.mjs), no newer syntax or API.
 */
import {
  burnInShift,
  contactStamp,
  isDimmed,
  retryDelay,
  rotation,
  screenOptions,
  slideSeconds,
  type ScreenSettings,
  type SlideId,
} from '../lib/screenOptions.ts';

interface Config {
  settings: ScreenSettings;
  org: string;
  /** Org id → its screen's address. */
  orgs: Record<string, string>;
  buildUrl: string;
}

/** How often the picture shifts against burn-in, and how often the night window is looked at. */
const SHIFT_MS = 3 * 60 * 1000;
const DIM_MS = 60 * 1000;
/** A request that has not answered in this long counts as failed. */
const FETCH_TIMEOUT_MS = 15 * 1000;

/** GETs `url` bypassing every cache; rejects on a network error, a timeout or a status other than 200. */
function fetchOk(url: string): Promise<Response> {
  const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = setTimeout(() => {
    if (abort) abort.abort();
  }, FETCH_TIMEOUT_MS);
  const sep = url.indexOf('?') >= 0 ? '&' : '?';
  return fetch(`${url}${sep}_=${Date.now()}`, {
    cache: 'no-store',
    credentials: 'same-origin',
    signal: abort ? abort.signal : undefined,
  }).then(
    (res) => {
      clearTimeout(timer);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      return res;
    },
    (err: unknown) => {
      clearTimeout(timer);
      throw err;
    },
  );
}

/** Shrinks a slide's type until it fits its box (long names, many branches), so no screen ever scrolls or clips. */
function fit(slide: HTMLElement): void {
  let scale = 100;
  slide.style.fontSize = '';
  while (scale > 40 && (slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1)) {
    scale -= 5;
    slide.style.fontSize = `${scale}%`;
  }
}

/** The query string without one parameter. */
function searchWithout(name: string): string {
  const q = new URLSearchParams(location.search);
  q.delete(name);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function startScreen(): void {
  const root = document.documentElement;
  const configEl = document.querySelector('[data-screen-config]');
  const screen = document.querySelector<HTMLElement>('[data-screen]');
  if (!configEl?.textContent || !screen) return;
  const config = JSON.parse(configEl.textContent) as Config;
  const options = screenOptions(location.search);
  const note = document.querySelector<HTMLElement>('[data-offline-note]');
  const pageId = root.getAttribute('data-build-id') || '';

  // ?org=ID on another org's screen: go there once that page has been fetched (else stay and rotate here).
  const target =
    options.org && options.org !== config.org && config.orgs[options.org]
      ? `${config.orgs[options.org]}${searchWithout('org')}`
      : undefined;

  const slides: Record<string, HTMLElement> = {};
  const available: SlideId[] = [];
  const nodes = document.querySelectorAll<HTMLElement>('section[data-slide]');
  for (let i = 0; i < nodes.length; i++) {
    const id = nodes[i].getAttribute('data-slide') as SlideId;
    slides[id] = nodes[i];
    available.push(id);
  }
  const order = rotation(available, options);
  if (order.length === 0) return;
  let index = 0;

  function show(id: SlideId): void {
    for (const k of available) slides[k].classList.toggle('is-current', k === id);
    root.setAttribute('data-current-slide', id);
    fit(slides[id]);
  }

  // Reloading: asked for by a poll that saw a new build id; done between slides, after the new page was fetched.
  let reloadWanted = false;
  let reloading = false;
  function reloadIfReady(): void {
    if (reloading || (!reloadWanted && !target)) return;
    reloading = true;
    const url = target || location.href;
    fetchOk(url)
      .then((res) => res.text())
      .then(
        (html) => {
          // A proxy or a half-copied build may still serve the old page: wait for the next poll then.
          if (!target && html.indexOf(`data-build-id="${pageId}"`) >= 0) {
            reloading = false;
            reloadWanted = false;
            return;
          }
          if (target) location.replace(url);
          else location.reload();
        },
        () => {
          reloading = false;
        },
      );
  }

  function advance(): void {
    reloadIfReady();
    index = (index + 1) % order.length;
    show(order[index]);
    setTimeout(advance, slideSeconds(order[index], config.settings, options) * 1000);
  }

  // The page itself came from the server: that is the first contact.
  let lastContact = new Date();
  function setOffline(offline: boolean): void {
    if (offline) root.setAttribute('data-offline', 'true');
    else root.removeAttribute('data-offline');
    if (!note) return;
    const template = note.getAttribute('data-template');
    if (offline && template) note.textContent = template.replace('{time}', contactStamp(lastContact, new Date()));
    note.hidden = !offline;
  }

  let failures = 0;
  function poll(): void {
    // Anything but a build's JSON (an error page, a captive portal) counts as not reaching the server.
    fetchOk(config.buildUrl)
      .then((res) => res.json() as Promise<{ id?: unknown }>)
      .then(
        (info) => {
          failures = 0;
          lastContact = new Date();
          setOffline(false);
          const id = info && typeof info.id === 'string' ? info.id : '';
          if (id && id !== pageId) reloadWanted = true;
          setTimeout(poll, options.poll * 1000);
        },
        () => {
          failures += 1;
          setOffline(true);
          setTimeout(poll, retryDelay(failures, options.poll) * 1000);
        },
      );
  }

  let shift = 0;
  function burnIn(): void {
    shift += 1;
    const s = burnInShift(shift);
    if (screen) screen.style.transform = `translate(${s.x}px, ${s.y}px)`;
  }

  function dim(): void {
    const now = new Date();
    root.setAttribute('data-dim', String(isDimmed(now.getHours() * 60 + now.getMinutes(), config.settings)));
  }

  show(order[0]);
  setTimeout(advance, slideSeconds(order[0], config.settings, options) * 1000);
  setTimeout(poll, options.poll * 1000);
  setInterval(burnIn, SHIFT_MS);
  dim();
  setInterval(dim, DIM_MS);
  window.addEventListener('resize', () => fit(slides[order[index]]));
  root.setAttribute('data-screen-ready', 'true');
  if (target) reloadIfReady();
}
