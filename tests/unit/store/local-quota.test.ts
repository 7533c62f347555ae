import { describe, expect, it } from 'vitest';
import { createLocalQuotas } from '@/lib/store/local-quota';
import { StoreError } from '@/lib/store/types';

const user = { subdomain: 'acme', userId: 1 };
const writes = { kind: 'write', perMinute: 3 } as const;

/** The error `take` threw, or undefined — so a failure shows the code and the wait. */
function refusal(fn: () => void): { code: string; retryAfterSeconds?: number } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return { code: error.code, retryAfterSeconds: error.retryAfterSeconds };
  }
}

describe('createLocalQuotas (sliding log)', () => {
  it('allows perMinute requests, then refuses with the wait until the oldest leaves', () => {
    const quotas = createLocalQuotas();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) quotas.take(user, writes, t0 + i * 1000);
    expect(refusal(() => quotas.take(user, writes, t0 + 20_000))).toEqual({
      code: 'rate_limited',
      retryAfterSeconds: 40,
    });
    // The oldest request leaves the window at t0 + 60 s: one more is allowed, not three.
    expect(refusal(() => quotas.take(user, writes, t0 + 60_000))).toBeUndefined();
    expect(refusal(() => quotas.take(user, writes, t0 + 60_100))?.code).toBe('rate_limited');
  });

  it('never allows more than perMinute in any 60 s, across what used to be a window boundary', () => {
    const quotas = createLocalQuotas();
    const t0 = 5_000_000;
    let allowed = 0;
    for (let t = t0 + 59_000; t < t0 + 61_000; t += 100) {
      if (refusal(() => quotas.take(user, writes, t)) === undefined) allowed++;
    }
    expect(allowed).toBe(3);
  });

  it('keeps users and kinds apart, does not count refusals, and ignores a null quota', () => {
    const quotas = createLocalQuotas();
    const t0 = 9_000_000;
    for (let i = 0; i < 3; i++) quotas.take(user, writes, t0);
    for (let i = 0; i < 5; i++) refusal(() => quotas.take(user, writes, t0 + 1));
    expect(refusal(() => quotas.take(user, { kind: 'read', perMinute: 3 }, t0))).toBeUndefined();
    expect(refusal(() => quotas.take({ ...user, userId: 2 }, writes, t0))).toBeUndefined();
    expect(refusal(() => quotas.take(user, null, t0))).toBeUndefined();
    expect(refusal(() => quotas.take(user, writes, t0 + 60_000))).toBeUndefined();
  });

  it('forgets a user', () => {
    const quotas = createLocalQuotas();
    for (let i = 0; i < 3; i++) quotas.take(user, writes, 0);
    quotas.forget(user);
    expect(refusal(() => quotas.take(user, writes, 1))).toBeUndefined();
  });
});
