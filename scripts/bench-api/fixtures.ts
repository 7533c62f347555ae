/**
 * The benchmark's users and their lists, arranged through the store itself from the benchmark
 * process (not through the API, so arranging is fast and never measured): the GET user's 20
 * items, a pool of users POSTing onto near-empty lists, and a pool POSTing onto lists of 480+
 * items (the per-user limit is 500), trimmed back after every round.
 */
import type { Principal } from '../../lib/principal';
import type { TodoStore } from '../../lib/store';
import { createRedisStore } from '../../lib/store/redis-store';
import { createSqliteStore } from '../../lib/store/sqlite-store';

/** Each POST-at-0 user takes this many adds, so those lists stay at 0–7 items. */
export const SMALL_PER_USER = 8;
/** Items a POST-at-500 user starts a round with; the round adds up to FULL_PER_USER more. */
export const FULL_START = 480;
export const FULL_PER_USER = 19;

export interface Fixtures {
  readonly getUser: number;
  readonly smallUsers: readonly number[];
  readonly fullUsers: readonly number[];
  /** Empties the POST-at-0 lists. */
  resetSmall(): Promise<void>;
  /** Takes the POST-at-500 lists back to FULL_START items. */
  resetFull(): Promise<void>;
  close(): Promise<void>;
}

/** A store of the same data the apps use: the SQLite file, or the (private) Redis. */
export function openStore(
  target: { dataDir: string } | { redisUrl: string },
): TodoStore & { close?(): Promise<void> } {
  return 'dataDir' in target
    ? createSqliteStore({ dataDir: target.dataDir })
    : createRedisStore({ url: target.redisUrl, timeoutMs: 30_000 });
}

/** Runs `fn` over `items` with at most `width` at a time. */
async function each<T>(items: readonly T[], width: number, fn: (x: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function arrange(
  store: TodoStore & { close?(): Promise<void> },
  subdomain: string,
  sizes: { small: number; full: number },
): Promise<Fixtures> {
  const who = (userId: number): Principal => ({ subdomain, userId });
  const range = (from: number, n: number): number[] =>
    Array.from({ length: n }, (_, i) => from + i);
  const getUser = 1000;
  const smallUsers = range(10_000, sizes.small);
  const fullUsers = range(20_000, sizes.full);

  await store.eraseUser(who(getUser));
  const listOf = (userId: number) => store.forUser(who(userId), null);
  for (let i = 0; i < 20; i++) await listOf(getUser).add(`item ${i}`);
  await each(fullUsers, 8, async (id) => {
    await store.eraseUser(who(id));
    for (let i = 0; i < FULL_START; i++) await listOf(id).add(`item ${i}`);
  });

  return {
    getUser,
    smallUsers,
    fullUsers,
    resetSmall: () => each(smallUsers, 8, (id) => store.eraseUser(who(id))),
    resetFull: () =>
      each(fullUsers, 8, async (id) => {
        const items = await listOf(id).list();
        for (const item of items.slice(FULL_START)) await listOf(id).remove(item.id);
      }),
    close: async () => store.close?.(),
  };
}
