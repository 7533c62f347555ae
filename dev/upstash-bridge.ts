/**
 * A small Upstash-REST-compatible HTTP server in front of a real Redis, so the unmodified
 * `@upstash/redis` client (and therefore the KV store) can be tested — and the app run by hand
 * in KV mode — without an Upstash account.
 *
 * Follows https://upstash.com/docs/redis/features/restapi: `POST /` (one command as a JSON array),
 * `POST /pipeline`, `POST /multi-exec`; `Authorization: Bearer <token>`, 401
 * `{"error":"Unauthorized"}`; a command error is 400 `{"error":"ERR …"}`. With
 * `Upstash-Encoding: base64` every string in a result is base64 — nested ones too — except a
 * top-level `"OK"`; integers and null stay as they are. `Upstash-Response-Format: resp2` answers
 * raw RESP2 (JSON-only on `/multi-exec`; 400 together with base64, or for an unknown format).
 *
 * Who needs which part:
 * - the product (lib/store/upstash-store.ts, pipelining off) sends only `EVAL` and `PING` to
 *   `POST /`, base64-encoded: the KV store tests and every `kv` system test use just that;
 * - `requests()`/`resetCount()` and `setDown()`: the request-count and outage tests
 *   (tests/integration/kv-store.test.ts, health.test.ts; tests/unit/store/upstash-store.test.ts);
 * - `/pipeline`, `/multi-exec`, EVALSHA with the per-bridge script cache
 *   (upstash-bridge-policy.ts), RESP2 and the wire-format errors: the protocol tests in
 *   tests/unit/support/upstash-bridge.test.ts, which keep the bridge honest to Upstash's protocol
 *   so the product's tests prove something about the real service.
 * Scripts: like Upstash, the bridge accepts the `allow-key-locking` shebang flag (per-key instead
 * of global locking on Upstash), and passes the script to Redis without it, since Redis 7 refuses
 * flags it does not know (upstash-bridge-shebang.ts); `scripts()` lists the bodies as received,
 * for the KV store's tests to check the flag is sent.
 * The `?_token=` query form of the token is left out on purpose: nothing here sends it, and a
 * token belongs in a header, not a URL.
 *
 * Run standalone: `npx tsx dev/upstash-bridge.ts` (env `UPSTASH_BRIDGE_PORT`,
 * `UPSTASH_BRIDGE_TOKEN`, `REDIS_URL`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { encodeResp2, encodeResult, readJsonBody } from './upstash-bridge-codec';
import { createCommandPolicy, type Command } from './upstash-bridge-policy';

export type BridgeDownMode = false | 'refuse' | 'hang' | '5xx';

export interface UpstashBridge {
  /** Base URL to give the client, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly token: string;
  /** HTTP requests received on any path since start or the last `resetCount()`. */
  requests(): number;
  resetCount(): void;
  /** Simulates an outage: `refuse` drops connections, `hang` never answers, `5xx` answers 502/503. */
  setDown(mode: BridgeDownMode): void;
  /** Every distinct script body received since start, as the client sent it. */
  scripts(): string[];
  close(): Promise<void>;
}

export interface UpstashBridgeOptions {
  /** @default 'redis://127.0.0.1:6379' */
  redisUrl?: string;
  /** @default a random 32-byte hex token */
  token?: string;
  /** @default 0 (any free port) */
  port?: number;
}

type Entry = { result: unknown } | { error: string };

/** Starts the bridge on 127.0.0.1; resolves once it listens and Redis answers. */
export async function startUpstashBridge(opts: UpstashBridgeOptions = {}): Promise<UpstashBridge> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  // RESP2 and raw Buffers: Upstash answers in RESP2 shapes and base64 must see the exact bytes.
  const redis = new Redis(opts.redisUrl ?? 'redis://127.0.0.1:6379', {
    protocol: 2,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  });
  await redis.connect();

  const policy = createCommandPolicy();
  let count = 0;
  let down: BridgeDownMode = false;
  let syncToken = 0;
  let flip = false;

  const server = createServer((req, res) => {
    count += 1;
    if (down === 'refuse') return void req.socket.destroy();
    if (down === 'hang') return; // never answered; close() tears the socket down
    if (down === '5xx') return void answerOutage(res, (flip = !flip));
    handle(req, res).catch((error: unknown) => {
      send(res, 500, { error: `ERR bridge: ${error instanceof Error ? error.message : error}` });
    });
  });
  // 'refuse': drop new connections before a byte is read, like a dead host behind a proxy.
  server.on('connection', (socket) => {
    if (down === 'refuse') socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://bridge');
    if (!authorised(req.headers.authorization, token)) {
      return send(res, 401, { error: 'Unauthorized' });
    }
    if (req.method !== 'POST') return send(res, 405, { error: 'Method Not Allowed' });
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const format = String(req.headers['upstash-response-format'] ?? 'json').toLowerCase();
    if (format !== 'json' && format !== 'resp2') {
      return send(res, 400, { error: `ERR unsupported response format: ${format}` });
    }
    const resp2 = format === 'resp2' && url.pathname !== '/multi-exec';
    if (resp2 && base64) {
      return send(res, 400, { error: 'ERR base64 encoding is not allowed with resp2 format' });
    }
    const parsed = await readJsonBody(req);
    if (!parsed.ok) return send(res, 400, { error: parsed.error });
    const body = parsed.value;
    // The client echoes this back (read-your-writes); one Redis is always consistent with itself.
    res.setHeader('upstash-sync-token', String((syncToken += 1)));

    if (url.pathname === '/') {
      const command = asCommand(body);
      if (!command) return send(res, 400, { error: 'ERR failed to parse command' });
      const entry = await runOne(command);
      if (resp2) return sendRaw(res, 'error' in entry ? 400 : 200, encodeResp2([entry]));
      if ('error' in entry) return send(res, 400, entry);
      return send(res, 200, { result: encodeResult(entry.result, base64, true) });
    }
    if (url.pathname === '/pipeline' || url.pathname === '/multi-exec') {
      const commands = Array.isArray(body) ? body.map(asCommand) : [];
      if (commands.length === 0 || commands.some((c) => c === null)) {
        return send(res, 400, { error: 'ERR failed to parse pipeline request' });
      }
      const list = commands as Command[];
      const entries = url.pathname === '/pipeline' ? await runPipeline(list) : await runMulti(list);
      if (!Array.isArray(entries)) return send(res, 400, entries);
      if (resp2) return sendRaw(res, 200, encodeResp2(entries));
      return send(
        res,
        200,
        entries.map((e) => encodeEntry(e, base64)),
      );
    }
    return send(res, 404, { error: 'Not Found' });
  }

  async function runOne(command: Command): Promise<Entry> {
    const own = policy.intercept(command);
    if (own) return own;
    try {
      return { result: await redis.callBuffer(...redisArgs(policy.toRedis(command))) };
    } catch (error) {
      return { error: errorText(error) };
    }
  }

  async function runPipeline(commands: Command[]): Promise<Entry[]> {
    const pipeline = redis.pipeline();
    const early = commands.map((c) => policy.intercept(c));
    commands.forEach((c, i) => {
      if (!early[i]) pipeline.callBuffer(...redisArgs(policy.toRedis(c)));
    });
    const replies = (await pipeline.exec()) ?? [];
    let next = 0;
    return early.map((refused) => refused ?? toEntry(replies[next++]));
  }

  /** MULTI/EXEC in one write on the shared connection, so nothing can interleave. */
  async function runMulti(commands: Command[]): Promise<Entry[] | { error: string }> {
    // Like Upstash, a transaction with a command it will not run is discarded as a whole.
    const own = commands.map((c) => policy.intercept(c));
    const refused = own.find((entry) => entry && 'error' in entry);
    if (refused) return refused as { error: string };
    if (own.some(Boolean)) {
      return { error: 'ERR this bridge cannot run SCRIPT commands in a transaction' };
    }
    const multi = redis.multi();
    for (const c of commands) multi.callBuffer(...redisArgs(policy.toRedis(c)));
    try {
      const replies = await multi.exec();
      if (!replies) return { error: 'ERR transaction aborted' };
      return replies.map(toEntry);
    } catch (error) {
      return { error: errorText(error) }; // EXECABORT: discarded as a whole, like Upstash
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests: () => count,
    resetCount: () => void (count = 0),
    setDown: (mode) => void (down = mode),
    scripts: () => policy.scripts(),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await redis.quit();
    },
  };
}

/**
 * Name upper-cased: ioredis reshapes some replies (HGETALL into an object, …) by lower-case
 * command name, and the client expects Redis's own flat shapes. Arguments go as strings.
 */
function redisArgs([name, ...args]: Command): [string, ...string[]] {
  return [String(name).toUpperCase(), ...args.map(String)];
}

function asCommand(value: unknown): Command | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const ok = value.every(
    (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
  );
  return ok
    ? value.map((v: string | number | boolean) => (typeof v === 'boolean' ? String(v) : v))
    : null;
}

function toEntry(reply: [Error | null, unknown] | undefined): Entry {
  if (!reply) return { error: 'ERR no reply' };
  return reply[0] ? { error: errorText(reply[0]) } : { result: reply[1] };
}

function encodeEntry(entry: Entry, base64: boolean): Entry {
  return 'error' in entry ? entry : { result: encodeResult(entry.result, base64, true) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function authorised(header: string | undefined, token: string): boolean {
  const given = header?.match(/^Bearer (.+)$/i)?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function answerOutage(res: ServerResponse, gateway: boolean): void {
  if (gateway) {
    res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>502 Bad Gateway</h1>');
  } else {
    send(res, 503, { error: 'Service Unavailable' });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendRaw(res: ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, { 'content-type': 'application/octet-stream' }).end(body);
}

/* Standalone: `npx tsx dev/upstash-bridge.ts` — prints what the app needs for KV mode. */
if (/upstash-bridge\.ts$/.test(process.argv[1] ?? '')) {
  void startUpstashBridge({
    redisUrl: process.env.REDIS_URL,
    token: process.env.UPSTASH_BRIDGE_TOKEN,
    port: Number(process.env.UPSTASH_BRIDGE_PORT ?? 0),
  }).then((bridge) => {
    console.log(
      `Upstash bridge ready\nKV_REST_API_URL=${bridge.url}\nKV_REST_API_TOKEN=${bridge.token}`,
    );
    process.once('SIGINT', () => void bridge.close().then(() => process.exit(0)));
  });
}
