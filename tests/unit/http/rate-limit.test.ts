import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { enforceRateLimit } from '@/lib/http/rate-limit';

describe('enforceRateLimit', () => {
  it('allows the limit per minute, then refuses with Retry-After until the window ends', () => {
    const user = { subdomain: 'rl-unit', userId: 1 };
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) enforceRateLimit(user, 'write', 3, t0 + i);
    let refused: unknown;
    try {
      enforceRateLimit(user, 'write', 3, t0 + 20_000);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('rate_limited');
    expect((refused as ApiError).headers['Retry-After']).toBe('40');
    // Reads, other users and the next window are unaffected.
    expect(() => enforceRateLimit(user, 'read', 3, t0 + 20_000)).not.toThrow();
    expect(() => enforceRateLimit({ ...user, userId: 2 }, 'write', 3, t0 + 20_000)).not.toThrow();
    expect(() => enforceRateLimit(user, 'write', 3, t0 + 60_000)).not.toThrow();
  });
});
