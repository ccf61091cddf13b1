/**
 * How many LAN login attempts may be checked, per user name and per client address. Every check costs the server
 * about a second of bcrypt, so an attempt is refused before it is checked once its user or its address has failed
 * too often: a few attempts are free, then each failure locks that user (or address) for twice as long as the one
 * before (30 s, 1 min, 2 min … at most an hour). Attempts being checked count as failures until they are decided,
 * so that many sent at once cannot all slip in before the first fails. A success forgets both. Time is a parameter
 * (`now`, in ms), never read here.
 * @example
 *   const limiter = new LoginLimiter();
 *   const ticket = limiter.admit('wangfang', '10.0.0.7', Date.now());
 *   if (ticket.ok) ticket.done(await passwordMatches(), Date.now());
 *   else answer429(ticket.retryAfter); // seconds
 */

export interface LimiterPolicy {
  /** Failures a user name may have before it is locked. */
  userFree: number;
  /** Failures an address may have before it is locked (several secretaries may share a computer). */
  addressFree: number;
  /** The first lock, in seconds; each further failure doubles it. */
  firstLock: number;
  /** The longest lock, in seconds. */
  longestLock: number;
  /** After this long (ms) with no failure and no lock, a user's or an address's failures are forgotten. */
  forgetAfter: number;
}

export const defaultPolicy: LimiterPolicy = {
  userFree: 5,
  addressFree: 10,
  firstLock: 30,
  longestLock: 3600,
  forgetAfter: 24 * 3600 * 1000,
};

interface Tally {
  failures: number;
  checking: number;
  lockedUntil: number;
  last: number;
}

export type Admission =
  | {
      ok: true;
      /** Records the outcome of the check (true: the password matched). */
      done(matched: boolean, now: number): void;
    }
  | {
      ok: false;
      /** Seconds until an attempt may be checked again. */
      retryAfter: number;
      /** Which limit refused it. */
      by: 'user' | 'address';
    };

export class LoginLimiter {
  private readonly tallies = new Map<string, Tally>();
  /** Tallies started since the last sweep of forgotten ones. */
  private startedSinceSweep = 0;

  constructor(private readonly policy: LimiterPolicy = defaultPolicy) {}

  /** Whether an attempt for `user` from `address` may be checked now; if so, it counts until `done` is called. */
  admit(user: string, address: string, now: number): Admission {
    const keys: [string, number, 'user' | 'address'][] = [
      [`u:${user}`, this.policy.userFree, 'user'],
      [`a:${address}`, this.policy.addressFree, 'address'],
    ];
    for (const [key, free, by] of keys) {
      // Only looked at: a refused attempt leaves nothing behind (a flood of made-up names fills no memory).
      const t = this.current(key, now) ?? { failures: 0, checking: 0, lockedUntil: 0, last: now };
      if (now < t.lockedUntil) return { ok: false, retryAfter: Math.ceil((t.lockedUntil - now) / 1000), by };
      // Before the first lock, what is left of the free attempts; after a lock has run out, one attempt at a time.
      const allowance = t.failures < free ? free - t.failures : 1;
      if (t.checking >= allowance) return { ok: false, retryAfter: 2, by };
    }
    const tallies = keys.map(([key, free]) => ({ t: this.tally(key, now), free, key }));
    for (const { t } of tallies) t.checking++;
    let decided = false;
    return {
      ok: true,
      done: (matched, at) => {
        if (decided) return;
        decided = true;
        for (const { t, free, key } of tallies) {
          t.checking--;
          if (matched) {
            if (!t.checking) this.tallies.delete(key);
            t.failures = 0;
            t.lockedUntil = 0;
            continue;
          }
          t.failures++;
          t.last = at;
          if (t.failures >= free) {
            const seconds = Math.min(this.policy.firstLock * 2 ** (t.failures - free), this.policy.longestLock);
            t.lockedUntil = at + seconds * 1000;
          }
        }
      },
    };
  }

  /** The tally of `key`, unless there is none or its failures are old enough to forget (then it is dropped). */
  private current(key: string, now: number): Tally | undefined {
    const t = this.tallies.get(key);
    if (t && !t.checking && now >= t.lockedUntil && now - t.last > this.policy.forgetAfter) {
      this.tallies.delete(key);
      return undefined;
    }
    return t;
  }

  /** The tally of `key`, started when there is none. */
  private tally(key: string, now: number): Tally {
    let t = this.current(key, now);
    if (!t) {
      t = { failures: 0, checking: 0, lockedUntil: 0, last: now };
      this.tallies.set(key, t);
      // A name or address that never comes back would otherwise stay for good: every 1,000 new tallies, the ones
      // old enough to forget are dropped, so the map holds at most what a day of checks can add.
      if (++this.startedSinceSweep >= 1000) this.sweep(now);
    }
    return t;
  }

  /** Drops every tally whose failures are old enough to forget. */
  sweep(now: number): void {
    this.startedSinceSweep = 0;
    for (const key of [...this.tallies.keys()]) this.current(key, now);
  }

  /** How many users and addresses are remembered (for tests). */
  get size(): number {
    return this.tallies.size;
  }
}
