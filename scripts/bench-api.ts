/**
 * API benchmark: hc-todo's routes against a bare Next.js app of the same `next`
 * (scripts/bench-api/bare-app/: one route handler answering the same 20-item JSON, Next's
 * defaults, nothing of ours), so each ratio includes everything hc-todo's own setup costs a
 * request — next.config's rules, the proxy's matcher, instrumentation, the route count — not only
 * the route. Rounds alternate: before each hc-todo server's cases the bare app is measured again,
 * and each ratio is against that run, so machine noise hits both alike. Quote the ratios.
 *
 *   npm run bench:api -- [seconds=3] [rounds=3] [connections=50]
 *
 * Servers: embedded (SQLite), the same with `--max-old-space-size=128`, KV (the Upstash bridge)
 * and Redis, both on a private redis-server. The load comes from autocannon in a process of its
 * own (scripts/bench-api/load.mjs). HC_TODO_BENCH_REUSE=1 serves the last bench builds;
 * HC_TODO_BENCH_SERVERS=embedded,capped picks servers; HC_TODO_BENCH_VARIANTS=no-headers,…
 * adds hc-todo builds with one piece of its Next setup off (scripts/bench-api/variants.ts) on
 * the embedded store; HC_TODO_BENCH_NODE_ARGS adds node options to the uncapped embedded server
 * (HC_TODO_BENCH_BARE_NODE_ARGS to the bare app, to profile both alike)
 * (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, then `node scripts/bench-api/top-costs.mjs
 * /tmp/prof/*.cpuprofile`); HC_TODO_BENCH_CASES picks cases; HC_TODO_BENCH_BEFORE=<folder> adds
 * another bench build (say, of the commit before a change) as "embedded, before".
 * The table's columns are explained in docs/bench/api.md.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApp } from '../dev/app-server';
import { startFakeZendesk } from '../dev/fake-zendesk';
import { startPrivateRedis } from '../dev/private-redis';
import { startUpstashBridge } from '../dev/upstash-bridge';
import { bareBuild, benchBuild } from './bench-api/build';
import { benchCases, floorCase } from './bench-api/cases';
import type { Server } from './bench-api/cases';
import { arrange, openStore } from './bench-api/fixtures';
import { report } from './bench-api/report';
import { isVariant } from './bench-api/variants';
import type { Sample } from './bench-api/report';

const [seconds = 3, rounds = 3, connections = 50] = process.argv.slice(2).map(Number);
const LOAD = path.join(path.dirname(__filename), 'bench-api/load.mjs');

type LoadResult = Omit<
  Sample,
  'server' | 'floorFor' | 'case' | 'round' | 'expected' | 'storePerCall' | 'cpuPerCall'
>;

async function runLoad(opts: Record<string, unknown>): Promise<LoadResult> {
  // Through a file: a few hundred tokens are more than one argument may hold (E2BIG).
  const file = path.join(os.tmpdir(), `hc-todo-bench-load-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(opts));
  const { stdout } = await promisify(execFile)(process.execPath, [LOAD, file], {
    maxBuffer: 1 << 20,
  });
  fs.rmSync(file, { force: true });
  return JSON.parse(stdout) as LoadResult;
}

void (async () => {
  const reuse = process.env.HC_TODO_BENCH_REUSE === '1';
  const root = benchBuild(reuse);
  const variants = (process.env.HC_TODO_BENCH_VARIANTS?.split(',') ?? []).filter(Boolean);
  for (const v of variants) if (!isVariant(v)) throw new Error(`unknown variant ${v}`);
  const variantRoots = variants.filter(isVariant).map((v) => [v, benchBuild(reuse, v)] as const);
  const bareRoot = bareBuild(reuse);
  const wanted = process.env.HC_TODO_BENCH_SERVERS?.split(',') ?? [
    'embedded',
    'capped',
    'kv',
    'redis',
  ];
  const zendesk = await startFakeZendesk();
  const redis = await startPrivateRedis();
  const bridge = await startUpstashBridge({ redisUrl: redis.url });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-bench-'));
  const subdomain = `hcbench-${process.pid}`;
  const env = {
    ZENDESK_SUBDOMAIN: subdomain,
    ZENDESK_JWKS_URL: zendesk.jwksUrl,
    ALLOWED_ORIGINS: zendesk.url,
    DATA_DIR: dataDir,
    RATE_LIMIT_READS_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  };
  const sizes = { small: 500, full: 40 };
  const sqlite = await arrange(openStore({ dataDir }), subdomain, sizes);
  const shared = await arrange(openStore({ redisUrl: redis.url }), subdomain, sizes);
  const evals = async (): Promise<number> => {
    const calls = await redis.commandCalls();
    return (
      (calls.eval ?? 0) + (calls.evalsha ?? 0) + (calls.eval_ro ?? 0) + (calls.evalsha_ro ?? 0)
    );
  };
  const extraArgs = process.env.HC_TODO_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const start = (e: Record<string, string>, nodeArgs: string[]) =>
    startApp(e, undefined, { root, nodeArgs });
  // The floor: no store, no configuration; fixtures only to satisfy the Server shape.
  const bare: Server = {
    name: 'bare',
    // HC_TODO_BENCH_BARE_NODE_ARGS: node options for the bare app (say, the same --cpu-prof).
    app: await startApp({}, undefined, {
      root: bareRoot,
      nodeArgs: process.env.HC_TODO_BENCH_BARE_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    }),
    fixtures: sqlite,
  };
  const servers: Server[] = [];
  for (const name of wanted) {
    if (name === 'embedded')
      servers.push({ name, app: await start(env, extraArgs), fixtures: sqlite });
    for (const [variant, variantRoot] of name === 'embedded' ? variantRoots : [])
      servers.push({
        name: `embedded, ${variant}`,
        app: await startApp(env, undefined, { root: variantRoot }),
        fixtures: sqlite,
      });
    // HC_TODO_BENCH_BEFORE=<folder of another bench build> adds that build on the same data,
    // so a change is measured against what it changed in the same run, rounds alternating.
    if (name === 'embedded' && process.env.HC_TODO_BENCH_BEFORE)
      servers.push({
        name: 'embedded, before',
        app: await startApp(env, undefined, { root: process.env.HC_TODO_BENCH_BEFORE }),
        fixtures: sqlite,
      });
    if (name === 'capped')
      servers.push({
        name: 'embedded, 128 MiB heap',
        app: await start(env, ['--max-old-space-size=128']),
        fixtures: sqlite,
      });
    if (name === 'kv')
      servers.push({
        name,
        app: await start(
          { ...env, KV_REST_API_URL: bridge.url, KV_REST_API_TOKEN: bridge.token },
          [],
        ),
        fixtures: shared,
        storeRequests: async () => bridge.requests(),
      });
    if (name === 'redis')
      servers.push({
        name,
        app: await start({ ...env, REDIS_URL: redis.url }, []),
        fixtures: shared,
        storeRequests: evals,
      });
  }

  const cases = benchCases(zendesk);

  // HC_TODO_BENCH_CASES=GET,garbage runs only the cases whose names contain one of these (the
  // floor always runs: every ratio needs it), e.g. to profile one path at a time.
  const only = process.env.HC_TODO_BENCH_CASES?.split(',');
  const chosen = cases.filter((c) => !only || only.some((o) => c.name.includes(o)));
  const samples: Sample[] = [];
  try {
    const load = uptimeLoad();
    for (let round = -1; round < rounds; round++) {
      const warmUp = round < 0; // round -1: JIT, key cache, connections; not recorded
      for (const s of servers) {
        // The floor again right before each server's cases, paired with them (`floorFor`).
        // A server that sat idle while the others ran answers its first second slowly: wake
        // each one, unrecorded, before it is measured.
        const blocks = [
          { server: bare, run: [floorCase], floorFor: s.name },
          { server: s, run: chosen, floorFor: undefined },
        ];
        for (const { server, run, floorFor } of blocks) {
          await runLoad({ ...run[0]!.load(server), connections, duration: 1 });
          for (const c of run) {
            await c.before?.(server);
            const opts = { connections, duration: warmUp ? 1 : seconds, ...c.load(server) };
            const before = await server.storeRequests?.();
            const cpuBefore = cpuMsOf(server.app.process.pid!);
            const result = await runLoad(opts);
            await new Promise((r) => setTimeout(r, 200)); // requests cut off at the end finish
            const cpu = cpuMsOf(server.app.process.pid!) - cpuBefore;
            const after = await server.storeRequests?.();
            if (!warmUp)
              samples.push({
                server: floorFor === undefined ? server.name : 'bare',
                floorFor,
                case: c.name,
                round,
                ...result,
                expected: result.statuses[c.expect] ?? 0,
                cpuPerCall: cpu / result.responses,
                storePerCall:
                  before === undefined || after === undefined
                    ? undefined
                    : (after - before) / result.sent,
              });
          }
        }
      }
    }
    const rss = Object.fromEntries(
      [bare, ...servers].map((s) => [s.name, memoryOf(s.app.process.pid!)]),
    );
    report({
      samples,
      rss,
      seconds,
      rounds,
      connections,
      loadBefore: load,
      loadAfter: uptimeLoad(),
    });
  } finally {
    await Promise.all([bare, ...servers].map((s) => s.app.stop()));
    await Promise.all([sqlite.close(), shared.close()]);
    await Promise.all([bridge.close(), redis.stop(), zendesk.close()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
})();

/**
 * CPU time (user + system) a process has used so far, in ms (Linux `/proc/<pid>/stat`, fields
 * 14 and 15, in clock ticks of 10 ms): the server's CPU per answer over a case's run.
 */
function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident and peak resident set of a process, in MiB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number =>
    Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

function uptimeLoad(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}
