import { describe, expect, test } from 'vitest';
import { type Admission, LoginLimiter } from '../../src/cms/loginLimiter.ts';

const t0 = Date.UTC(2025, 11, 1, 8);
const s = 1000;

/** Tries and fails `n` times in a row at `now`; returns how many were checked. */
function fail(l: LoginLimiter, user: string, address: string, n: number, now = t0): number {
  let checked = 0;
  for (let i = 0; i < n; i++) {
    const a = l.admit(user, address, now);
    if (!a.ok) continue;
    checked++;
    a.done(false, now);
  }
  return checked;
}

const refusal = (a: Admission) => (a.ok ? undefined : { retryAfter: a.retryAfter, by: a.by });

describe('LoginLimiter', () => {
  test('a user name gets five attempts, then is locked for 30 s, even for the right password and from another address', () => {
    const l = new LoginLimiter();
    expect(fail(l, 'wangfang', '10.0.0.7', 20)).toBe(5);
    expect(refusal(l.admit('wangfang', '10.0.0.8', t0))).toEqual({ retryAfter: 30, by: 'user' });
    expect(refusal(l.admit('wangfang', '10.0.0.8', t0 + 29 * s))).toEqual({ retryAfter: 1, by: 'user' });
    // Another secretary on the same computer is not held up by it.
    expect(l.admit('lilei', '10.0.0.7', t0).ok).toBe(true);
  });

  test('each failure after a lock doubles the next lock, up to an hour', () => {
    const l = new LoginLimiter();
    let now = t0;
    fail(l, 'wangfang', `10.0.0.1`, 5, now);
    const locks: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = l.admit('wangfang', `10.0.1.${i}`, now);
      if (r.ok) throw new Error('expected a lock');
      locks.push(r.retryAfter);
      now += r.retryAfter * s;
      // Once the lock has run out, one attempt is checked, and fails.
      expect(fail(l, 'wangfang', `10.0.1.${i}`, 3, now)).toBe(1);
    }
    expect(locks).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  test('attempts being checked count: twenty sent at once for one user, five are checked', () => {
    const l = new LoginLimiter();
    const admitted = Array.from({ length: 20 }, (_, i) => l.admit('wangfang', `10.0.2.${i}`, t0)).filter((a) => a.ok);
    expect(admitted).toHaveLength(5);
    expect(refusal(l.admit('wangfang', '10.0.3.1', t0))?.by).toBe('user');
    for (const a of admitted) if (a.ok) a.done(false, t0);
    expect(refusal(l.admit('wangfang', '10.0.3.1', t0))).toEqual({ retryAfter: 30, by: 'user' });
  });

  test('an address gets ten failures over any names, then is locked; another address is not', () => {
    const l = new LoginLimiter();
    let checked = 0;
    for (let i = 0; i < 15; i++) checked += fail(l, `guess${i}`, '10.0.0.9', 1);
    expect(checked).toBe(10);
    expect(refusal(l.admit('wangfang', '10.0.0.9', t0))).toEqual({ retryAfter: 30, by: 'address' });
    expect(l.admit('wangfang', '10.0.0.10', t0).ok).toBe(true);
  });

  test('a success forgets the failures of its user and address', () => {
    const l = new LoginLimiter();
    expect(fail(l, 'wangfang', '10.0.0.7', 4)).toBe(4);
    const ok = l.admit('wangfang', '10.0.0.7', t0);
    if (!ok.ok) throw new Error('expected the fifth attempt to be checked');
    ok.done(true, t0);
    expect(fail(l, 'wangfang', '10.0.0.7', 20)).toBe(5);
  });

  test('failures are forgotten after a day without one', () => {
    const l = new LoginLimiter();
    expect(fail(l, 'wangfang', '10.0.0.7', 4)).toBe(4);
    expect(fail(l, 'wangfang', '10.0.0.7', 20, t0 + 25 * 3600 * s)).toBe(5);
  });

  test('names and addresses that never come back are dropped once forgotten: memory stays bounded (the review of issue 22)', () => {
    const l = new LoginLimiter();
    // A day of made-up names from changing addresses, each tried once and failed.
    for (let i = 0; i < 3000; i++) fail(l, `user${i}`, `fd00::${i.toString(16)}`, 1, t0 + i * s);
    expect(l.size).toBe(6000);
    // A day later, new attempts from others start new tallies; the old ones go with the next sweep.
    const later = t0 + 26 * 3600 * s;
    for (let i = 0; i < 1000; i++) fail(l, `later${i}`, `10.1.${i >> 8}.${i & 255}`, 1, later + i * s);
    expect(l.size).toBeLessThanOrEqual(2000);
  });
});
