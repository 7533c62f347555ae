/**
 * API benchmark: the production server (`next start`) against a fake Zendesk, on all three
 * stores (Redis: a private redis-server, so no other traffic skews it; KV: the Upstash bridge in
 * front of the machine's Redis), each route measured against a baseline measured in the same
 * run, interleaved in rounds so machine noise hits all alike. Quote the ratios, not the
 * absolute numbers.
 *
 *   npm run build && npx tsx scripts/bench-api.ts [requestsPerRound=400] [rounds=5] [concurrency=8]
 *
 * Baseline: `GET /api/health` on the embedded store — a route with no token to verify and one
 * `SELECT 1`, i.e. about what a bare Next route handler costs on this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '../dev/app-server';
import { startFakeZendesk } from '../dev/fake-zendesk';
import { startUpstashBridge } from '../dev/upstash-bridge';
import { deleteKeys, redisKeyPattern } from '../dev/redis-keys';
import { startPrivateRedis } from '../dev/private-redis';

type Case = { name: string; run: () => Promise<Response> };

const [perRound = 400, rounds = 5, concurrency = 8] = process.argv.slice(2).map(Number);

async function measure(c: Case, n: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const t0 = performance.now();
        const res = await c.run();
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${c.name}: HTTP ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

void (async () => {
  const zendesk = await startFakeZendesk();
  const bridge = await startUpstashBridge();
  const redis = await startPrivateRedis();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-bench-'));
  const subdomain = `hcbench-${process.pid}`;
  const common = {
    ZENDESK_SUBDOMAIN: subdomain,
    ZENDESK_JWKS_URL: zendesk.jwksUrl,
    ALLOWED_ORIGINS: zendesk.url,
    DATA_DIR: dataDir,
    RATE_LIMIT_READS_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  };
  const embedded = await startApp(common);
  const kv = await startApp({
    ...common,
    KV_REST_API_URL: bridge.url,
    KV_REST_API_TOKEN: bridge.token,
  });
  const redisApp = await startApp({ ...common, REDIS_URL: redis.url });
  try {
    const cases: Case[] = [
      {
        name: 'baseline GET /api/health (embedded)',
        run: () => fetch(`${embedded.url}/api/health`),
      },
    ];
    for (const [mode, app] of [
      ['embedded', embedded],
      ['kv', kv],
      ['redis', redisApp],
    ] as const) {
      const token = zendesk.userToken(1000 + cases.length);
      const auth = { authorization: `Bearer ${token}` };
      const jsonAuth = { ...auth, 'content-type': 'application/json' };
      // A realistic list: 20 items, then the cases below keep it near that size.
      let last = 0;
      let posts = 0;
      const postTokens = new Map<number, string>(); // signing is the client's cost, not the app's
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${app.url}/api/todo_items`, {
          method: 'POST',
          headers: jsonAuth,
          body: JSON.stringify({ value: `item ${i}` }),
        });
        last = ((await res.json()) as { todo_item: { id: number } }).todo_item.id;
      }
      cases.push(
        {
          name: `GET /api/todo_items, 20 items (${mode})`,
          run: () => fetch(`${app.url}/api/todo_items`, { headers: auth }),
        },
        {
          // A fresh user every 400 adds keeps each list well under the 500-item cap.
          name: `POST /api/todo_items (${mode})`,
          run: () => {
            const userId = 100_000 * (cases.length + 1) + Math.floor(posts++ / 400);
            const postToken = postTokens.get(userId) ?? zendesk.userToken(userId);
            postTokens.set(userId, postToken);
            return fetch(`${app.url}/api/todo_items`, {
              method: 'POST',
              headers: { authorization: `Bearer ${postToken}`, 'content-type': 'application/json' },
              body: '{"value":"benchmark item"}',
            });
          },
        },
        {
          name: `PATCH /api/todo_items/{id} (${mode})`,
          run: () =>
            fetch(`${app.url}/api/todo_items/${last}`, {
              method: 'PATCH',
              headers: jsonAuth,
              body: '{"done":true}',
            }),
        },
      );
    }
    for (const c of cases) await measure(c, 50); // warm-up: JIT, key cache, connections

    const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    const throughput = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const c of cases) {
        const t0 = performance.now();
        const lat = await measure(c, perRound);
        throughput.get(c.name)!.push(perRound / ((performance.now() - t0) / 1000));
        samples.get(c.name)!.push(...lat);
      }
    }
    const median = (xs: number[]): number =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const base = median(throughput.get(cases[0]!.name)!);
    console.log(
      `${rounds} rounds × ${perRound} requests, concurrency ${concurrency}, ${os.cpus().length} cores`,
    );
    console.log(
      'case'.padEnd(46),
      'req/s'.padStart(8),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'vs baseline'.padStart(12),
    );
    for (const c of cases) {
      const sorted = samples.get(c.name)!.sort((a, b) => a - b);
      const rps = median(throughput.get(c.name)!);
      console.log(
        c.name.padEnd(46),
        rps.toFixed(0).padStart(8),
        pct(sorted, 50).toFixed(2).padStart(8),
        pct(sorted, 99).toFixed(2).padStart(8),
        `${(rps / base).toFixed(2)}×`.padStart(12),
      );
    }
    // Each store against the embedded one, route by route (the same route, the same run).
    console.log('\n| route | embedded req/s | KV ÷ embedded | Redis ÷ embedded |');
    console.log('|---|---:|---:|---:|');
    for (const route of [
      'GET /api/todo_items, 20 items',
      'POST /api/todo_items',
      'PATCH /api/todo_items/{id}',
    ]) {
      const rps = (mode: string): number => median(throughput.get(`${route} (${mode})`)!);
      const e = rps('embedded');
      console.log(
        `| ${route} | ${e.toFixed(0)} | ${(rps('kv') / e).toFixed(2)}× | ${(rps('redis') / e).toFixed(2)}× |`,
      );
    }
  } finally {
    await Promise.all([embedded.stop(), kv.stop(), redisApp.stop()]);
    await Promise.all([bridge.close(), redis.stop()]);
    await zendesk.close();
    await deleteKeys(redisKeyPattern(subdomain));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
})();
