/**
 * The Redis side of the capacity model (docs/capacity.md): on a private redis-server
 * (nothing else on it), through the app's own Redis store and scripts,
 * - server time per request kind: `CONFIG RESETSTAT`, N calls of one kind from many users, then
 *   `INFO commandstats` → `cmdstat_eval` µs per call (the script's run inside Redis);
 * - bytes stored per user: `MEMORY USAGE <key> SAMPLES 0` summed over the user's keys, at 0, 20
 *   and 500 items, with 1,000 idempotency keys (the most a user keeps, docs/api.md), and the
 *   rate-limit logs of a user active in the last minute; and `used_memory` grown per user over
 *   1,000 users at 20 items (what the allocator really takes).
 *
 *   npx tsx scripts/capacity.ts [calls=2000]
 *
 * The app's CPU per request comes from `npm run bench:api` (its "app CPU ms/req" column).
 */
import { startPrivateRedis } from '../dev/private-redis';
import type { Principal } from '../lib/principal';
import { createRedisStore } from '../lib/store/redis-store';
import type { Quota, UserTodos } from '../lib/store/types';

const calls = Number(process.argv[2] ?? 2000);
const subdomain = 'capacity';
// The production defaults (lib/config.ts): the limit's log is part of every call's work.
const READ: Quota = { kind: 'read', perMinute: 300 };
const WRITE: Quota = { kind: 'write', perMinute: 120 };

async function main(): Promise<void> {
  const redis = await startPrivateRedis();
  const store = createRedisStore({ url: redis.url, timeoutMs: 30_000 });
  const who = (userId: number): Principal => ({ subdomain, userId });
  const todos = (userId: number, quota: Quota | null = null): UserTodos =>
    store.forUser(who(userId), quota);
  const fill = async (userId: number, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await todos(userId).add(`item ${i}`);
  };
  const info = async (section: string): Promise<Record<string, string>> =>
    Object.fromEntries(
      (await redis.client.info(section))
        .split('\r\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]),
    );
  /** Redis's CPU seconds so far (user + system, its main thread included), from INFO cpu. */
  const cpuSeconds = async (): Promise<number> => {
    const cpu = await info('cpu');
    return Number(cpu.used_cpu_user) + Number(cpu.used_cpu_sys);
  };
  /**
   * µs per EVAL while `work` runs (the script's run, `INFO commandstats`), and the process's
   * whole CPU per call (reading, parsing and answering the command included, `INFO cpu`).
   */
  const scriptTime = async (work: () => Promise<void>): Promise<string> => {
    await redis.client.config('RESETSTAT');
    const cpuBefore = await cpuSeconds();
    await work();
    const cpu = (await cpuSeconds()) - cpuBefore;
    const stat = (await info('commandstats')).cmdstat_eval ?? '';
    const usec = /usec_per_call=([\d.]+)/.exec(stat)?.[1];
    const n = Number(/calls=(\d+)/.exec(stat)?.[1]);
    return `${Number(usec).toFixed(1)} | ${((cpu * 1e6) / n).toFixed(1)} | ${n}`;
  };
  const bytesOf = async (userId: number): Promise<number> => {
    const keys = await redis.client.keys(`hc-todo:{${subdomain}:${userId}}:*`);
    let total = 0;
    for (const key of keys)
      total += Number(await redis.client.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
    return total;
  };

  // Users 1..U for each kind, so no user's rate limit is reached (≤ 100 calls per user).
  const users = (from: number, n: number): number[] =>
    Array.from({ length: n }, (_, i) => from + i);
  const perUser = 10;
  const many = users(100_000, Math.ceil(calls / perUser));
  for (const u of many) await fill(u, 20);
  const each = async (fn: (u: number, i: number) => Promise<unknown>): Promise<void> => {
    await Promise.all(
      many.map(async (u) => {
        for (let i = 0; i < perUser; i++) await fn(u, i);
      }),
    );
  };
  const rows: [string, string][] = [];
  rows.push(['GET, 20 items', await scriptTime(() => each((u) => todos(u, READ).list()))]);
  rows.push([
    'POST with Idempotency-Key, list at 20–29 items',
    await scriptTime(() => each((u, i) => todos(u, WRITE).add('benchmark item', `p-${i}`))),
  ]);
  rows.push([
    'POST, a repeated Idempotency-Key',
    await scriptTime(() => each((u, i) => todos(u, WRITE).add('benchmark item', `p-${i}`))),
  ]);
  rows.push([
    'PATCH one item',
    await scriptTime(() => each((u, i) => todos(u, WRITE).update(i + 1, { done: true }))),
  ]);
  rows.push([
    'PATCH all (toggle all)',
    await scriptTime(() => each((u, i) => todos(u, WRITE).setAllDone(i % 2 === 0))),
  ]);
  rows.push([
    'DELETE one item',
    await scriptTime(() => each((u, i) => todos(u, WRITE).remove(i + 1))),
  ]);
  const big = users(200_000, 20);
  for (const u of big) await fill(u, 480);
  rows.push([
    'GET, 480 items',
    await scriptTime(() =>
      Promise.all(
        big.map(async (u) => {
          for (let i = 0; i < perUser; i++) await todos(u, READ).list();
        }),
      ).then(() => undefined),
    ),
  ]);
  rows.push([
    'POST, list at 480–489 items',
    await scriptTime(() =>
      Promise.all(
        big.map(async (u) => {
          for (let i = 0; i < perUser; i++) await todos(u, WRITE).add('benchmark item', `q-${i}`);
        }),
      ).then(() => undefined),
    ),
  ]);
  console.log(
    '| request kind | EVAL µs/call (commandstats) | Redis CPU µs/call (INFO cpu) | calls |\n' +
      '|---|---:|---:|---:|',
  );
  for (const [kind, time] of rows) console.log(`| ${kind} | ${time} |`);

  // Bytes per user, each shape on a fresh user.
  const shape = async (id: number, arrange: () => Promise<unknown>): Promise<number> => {
    await arrange();
    return bytesOf(id);
  };
  const sizes: [string, number][] = [
    [
      '0 items (one added and deleted: the id counter stays)',
      await shape(300_001, async () => {
        await fill(300_001, 1);
        await todos(300_001).remove(1);
      }),
    ],
    ['20 items', await shape(300_002, () => fill(300_002, 20))],
    ['500 items', await shape(300_003, () => fill(300_003, 500))],
    [
      '20 items + 1,000 idempotency keys (the cap; a busy day)',
      await shape(300_004, async () => {
        // Each key's add is deleted again (a user holds at most 500 items), then 20 items.
        for (let i = 0; i < 1000; i++) {
          const { item } = await todos(300_004).add('keyed', `k-${i}`);
          await todos(300_004).remove(item!.id);
        }
        await fill(300_004, 20);
      }),
    ],
    [
      '20 items + rate-limit logs of 100 reads and 20 writes in the last minute',
      await shape(300_005, async () => {
        await fill(300_005, 20);
        for (let i = 0; i < 100; i++) await todos(300_005, READ).list();
        for (let i = 0; i < 20; i++) await todos(300_005, WRITE).update(1, { done: i % 2 === 0 });
      }),
    ],
  ];
  console.log("\n| user | bytes (MEMORY USAGE, summed over the user's keys) |\n|---|---:|");
  for (const [what, bytes] of sizes) console.log(`| ${what} | ${bytes.toLocaleString('en')} |`);

  const before = Number((await info('memory')).used_memory);
  const fresh = users(400_000, 1000);
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < fresh.length; i += 8) await fill(fresh[i]!, 20);
    }),
  );
  const after = Number((await info('memory')).used_memory);
  console.log(
    `\nused_memory grew ${((after - before) / fresh.length).toFixed(0)} bytes per user ` +
      `(1,000 users at 20 items, no idempotency keys); redis ${(await info('server')).redis_version}`,
  );
  await store.close();
  await redis.stop();
}

void main();
