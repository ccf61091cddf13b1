/**
 * The display screen's settings: which slides, how long each stays, how often to look for a new build, when
 * to dim. Pure functions of their arguments (the page's query string, site.json's `screen` field, the time
 * of day as minutes): the screen script (src/scripts/screen.ts) runs them in old player browsers, so they use
 * no syntax newer than ES2018 once built.
 */

/** The slides, in the order they are shown. */
export const slideIds = ['overall', 'orgs', 'categories', 'closed', 'due', 'bulletin', 'honours'] as const;
export type SlideId = (typeof slideIds)[number];

/** site.json's `screen` field (all optional). */
export interface ScreenSettings {
  /** Seconds each slide stays (default 15). */
  seconds?: number;
  /** Seconds of particular slides. */
  durations?: Partial<Record<SlideId, number>>;
  /** Night dimming window, `HH:MM` to `HH:MM` (may pass midnight). */
  dimFrom?: string;
  dimTo?: string;
}

export interface ScreenOptions {
  /** `?interval=SECONDS`: every slide stays this long, whatever site.json says. */
  interval?: number;
  /** `?slides=a,b,c`: only these slides, in this order (unknown names ignored). */
  slides?: SlideId[];
  /** `?org=ID`: the org whose screen to show. */
  org?: string;
  /** `?poll=SECONDS`: how often to look for a new build (default 300). */
  poll: number;
}

export const DEFAULT_SECONDS = 15;
export const DEFAULT_POLL = 300;
/** The longest wait between two attempts to reach a server that is away. */
export const MAX_RETRY = 300;

function seconds(v: string | null, min: number, max: number): number | undefined {
  if (v === null || !/^\d+(\.\d+)?$/.test(v.trim())) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

/** The options a screen's query string gives (`?interval=2&slides=overall,orgs&org=x&poll=3`). */
export function screenOptions(search: string): ScreenOptions {
  const q = new URLSearchParams(search);
  const known: readonly string[] = slideIds;
  const slides = (q.get('slides') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is SlideId => known.indexOf(s) >= 0);
  const org = (q.get('org') ?? '').trim();
  return {
    interval: seconds(q.get('interval'), 1, 3600),
    slides: slides.length > 0 ? slides : undefined,
    org: /^[a-z0-9][a-z0-9-]*$/.test(org) ? org : undefined,
    poll: seconds(q.get('poll'), 1, 86400) ?? DEFAULT_POLL,
  };
}

/** How many seconds a slide stays: the query's interval, else site.json's for that slide, else site.json's default, else 15. */
export function slideSeconds(id: SlideId, settings: ScreenSettings, options: Pick<ScreenOptions, 'interval'>): number {
  if (options.interval !== undefined) return options.interval;
  const own = settings.durations ? settings.durations[id] : undefined;
  return own !== undefined ? own : settings.seconds !== undefined ? settings.seconds : DEFAULT_SECONDS;
}

/** The slides to rotate: those the page has, filtered and ordered by `?slides=` when it names any of them. */
export function rotation(available: readonly SlideId[], options: Pick<ScreenOptions, 'slides'>): SlideId[] {
  if (!options.slides) return available.slice();
  const chosen = options.slides.filter((s) => available.indexOf(s) >= 0);
  return chosen.length > 0 ? chosen : available.slice();
}

/** Minutes after midnight of `HH:MM`, or undefined. */
export function minutesOf(hhmm: string | undefined): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Whether `now` (minutes after midnight) is in the dimming window; a window may pass midnight (22:00–06:30). */
export function isDimmed(now: number, settings: Pick<ScreenSettings, 'dimFrom' | 'dimTo'>): boolean {
  const from = minutesOf(settings.dimFrom);
  const to = minutesOf(settings.dimTo);
  if (from === undefined || to === undefined || from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** Seconds to wait before attempt `failures + 1` to reach the server: the poll interval, doubled per failure up to 5 minutes (never less than 2 s). */
export function retryDelay(failures: number, poll: number): number {
  const base = Math.max(2, Math.min(poll, 30));
  return Math.min(MAX_RETRY, base * 2 ** Math.max(0, failures - 1));
}

/** The burn-in shift of step `n`: a small walk through offsets of up to 4 px that comes back to 0, 0. */
export function burnInShift(n: number): { x: number; y: number } {
  const steps = [
    [0, 0],
    [2, 1],
    [4, 2],
    [2, 4],
    [0, 3],
    [-2, 4],
    [-4, 2],
    [-2, 0],
    [-3, -2],
    [0, -4],
    [3, -2],
  ];
  const s = steps[((n % steps.length) + steps.length) % steps.length];
  return { x: s[0], y: s[1] };
}

/**
 * When the screen last reached its server, as its offline note says it: the time (HH:MM) on the same day, else
 * the date and time (MM-DD HH:MM), in the screen's own clock.
 * @example contactStamp(new Date(2025, 11, 26, 9, 5), new Date(2025, 11, 26, 14, 0)) // '09:05'
 */
export function contactStamp(last: Date, now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(last.getHours())}:${two(last.getMinutes())}`;
  const sameDay = last.getFullYear() === now.getFullYear() && last.getMonth() === now.getMonth() && last.getDate() === now.getDate();
  return sameDay ? time : `${two(last.getMonth() + 1)}-${two(last.getDate())} ${time}`;
}
