/**
 * The per-user rate limit, counted inside the same store call as the work, run against all
 * three backends: a refused request does nothing, reads and writes count apart, and concurrent
 * writes cannot pass the limit together.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '@/lib/principal';
import { StoreError, type Quota, type Todo } from '@/lib/store/types';
import { BACKENDS, failureOf, type Backend, useBackend } from './store-backends';

const ids = (items: Todo[]): number[] => items.map((item) => item.id);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The refusal a call ended with: code and Retry-After, or 'resolved'. */
async function refusalOf(call: Promise<unknown>): Promise<string | [string, number | undefined]> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    return [error.code, error.retryAfterSeconds];
  }
}

describe.each<Backend>(BACKENDS)('TodoStore rate limits: $name', (backend) => {
  const bk = useBackend(backend);
  const user = (): Principal => bk.user();

  describe('rate limits', () => {
    const writes: Quota = { kind: 'write', perMinute: 3 };
    const reads: Quota = { kind: 'read', perMinute: 2 };

    it('allows perMinute writes, then refuses with Retry-After and does nothing', async () => {
      const u = user();
      for (const v of ['a', 'b']) await bk.open.store.forUser(u, writes).add(v);
      await bk.open.store.forUser(u, writes).setAllDone(true);
      const refused = await refusalOf(bk.open.store.forUser(u, writes).add('too many'));
      expect(refused).toEqual(['rate_limited', expect.any(Number)]);
      const [, retryAfter] = refused as [string, number];
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      // Every kind of write is refused the same way, before any work.
      for (const op of [
        bk.open.store.forUser(u, writes).update(1, { value: 'x' }),
        bk.open.store.forUser(u, writes).remove(1),
        bk.open.store.forUser(u, writes).remove(999),
        bk.open.store.forUser(u, writes).setAllDone(false),
        bk.open.store.forUser(u, writes).removeDone(),
        bk.open.store.forUser(u, writes).eraseOwnData(),
      ]) {
        expect(await failureOf(op)).toBe('rate_limited');
      }
      expect((await bk.todos(u).list()).map((i) => [i.value, i.done])).toEqual([
        ['a', true],
        ['b', true],
      ]);
    });

    it('names the limit in the message', async () => {
      const u = user();
      const one: Quota = { kind: 'write', perMinute: 1 };
      await bk.open.store.forUser(u, one).add('a');
      await expect(bk.open.store.forUser(u, one).add('b')).rejects.toThrow(
        /at most 1 writes a minute/,
      );
    });

    it('counts reads and writes apart, per user; a null quota is never counted', async () => {
      const [u, other] = [user(), user()];
      await bk.open.store.forUser(u, reads).list();
      await bk.open.store.forUser(u, reads).list();
      expect(await failureOf(bk.open.store.forUser(u, reads).list())).toBe('rate_limited');
      expect(await failureOf(bk.open.store.forUser(u, writes).add('a write'))).toBe('resolved');
      expect(await failureOf(bk.open.store.forUser(other, reads).list())).toBe('resolved');
      expect(await failureOf(bk.todos(u).list())).toBe('resolved');
      expect(await failureOf(bk.add(u, 'uncounted'))).toBe('resolved');
    });

    it('counts a repeated idempotent add, and a not_found write', async () => {
      const u = user();
      await bk.open.store.forUser(u, writes).add('a', 'k');
      await bk.open.store.forUser(u, writes).add('a', 'k');
      expect(await failureOf(bk.open.store.forUser(u, writes).remove(424242))).toBe('not_found');
      expect(await failureOf(bk.open.store.forUser(u, writes).add('a', 'k'))).toBe('rate_limited');
    });

    it('lets exactly perMinute of 20 concurrent writes through', async () => {
      const u = user();
      const outcomes = await Promise.all(
        range(1, 20).map((n) => failureOf(bk.open.store.forUser(u, writes).add(`w${n}`))),
      );
      expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(17);
      expect(ids(await bk.todos(u).list())).toEqual([1, 2, 3]);
    });
  });
});
