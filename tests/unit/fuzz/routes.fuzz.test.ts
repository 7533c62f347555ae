/**
 * Property-based fuzzing of the API route handlers in process: the real modules
 * `app/api/todo_items/route.ts` and `[id]/route.ts`, the embedded store in a temp DATA_DIR and a
 * real JWKS on loopback HTTP. User A's items are arranged first; then arbitrary methods, paths,
 * ids, queries, headers, idempotency keys, bodies and tokens (user B's, forged, broken — never
 * A's) are thrown at the handlers. For every request:
 * - never a 500, and every error is the contract envelope with a known code and its status;
 * - only a valid token gets a 2xx (OPTIONS preflights aside), and no answer carries A's items;
 * - A's list is unchanged afterwards.
 * Run size: numRuns 800 (a few seconds).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeZendesk } from '../../../dev/fake-zendesk';
import type { FakeZendesk } from '../../../dev/fake-zendesk';

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type RouteModule = Record<string, Handler>;

/** docs/api.md's error table: code → status. */
const ERROR_STATUS: Record<string, number> = {
  invalid_json: 400,
  invalid_body: 400,
  invalid_value: 400,
  invalid_id: 400,
  invalid_idempotency_key: 400,
  missing_token: 401,
  invalid_token: 401,
  token_expired: 401,
  origin_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  limit_reached: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  store_unavailable: 503,
  auth_unavailable: 503,
  server_misconfigured: 503,
};

const BASE = 'http://localhost:3000';
const USER_A = 111_111_111_111;
const USER_B = 222_222_222_222;
const SECRET = 'A-secret-';

let zendesk: FakeZendesk;
let dataDir: string;
let collection: RouteModule;
let item: RouteModule;
let tokenA: string;
/** Tokens the fuzzer may use; only `valid-b` may be accepted. */
let tokens: Record<string, string>;

beforeAll(async () => {
  zendesk = await startFakeZendesk();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-fuzz-'));
  const env: Record<string, string> = {
    ZENDESK_SUBDOMAIN: 'fuzz',
    ZENDESK_JWKS_URL: zendesk.jwksUrl,
    ALLOWED_ORIGINS: zendesk.url,
    DATA_DIR: dataDir,
    RATE_LIMIT_READS_PER_MINUTE: '1000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
    // Whatever the machine has set: this test is about the embedded store.
    KV_REST_API_URL: '',
    KV_REST_API_TOKEN: '',
    REDIS_URL: '',
    VERCEL: '',
    ZENDESK_ORIGIN_CLAIM: '',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules(); // lib/config parses the environment once per module instance
  collection = (await import('@/app/api/todo_items/route')) as unknown as RouteModule;
  item = (await import('@/app/api/todo_items/[id]/route')) as unknown as RouteModule;

  tokenA = zendesk.userToken(USER_A);
  const now = Math.floor(Date.now() / 1000);
  const claimsA = { userId: USER_A, exp: now + 600, origin: zendesk.url };
  const [h, p, s] = tokenA.split('.') as [string, string, string];
  const flip = (seg: string, i: number): string =>
    seg.slice(0, i) + (seg[i] === 'A' ? 'B' : 'A') + seg.slice(i + 1);
  tokens = {
    'valid-b': zendesk.userToken(USER_B),
    'b-no-origin': zendesk.userToken(USER_B, {}, { origin: null }),
    'b-foreign-origin': zendesk.userToken(USER_B, { origin: 'https://evil.zendesk.com' }),
    'b-expired': zendesk.userToken(USER_B, { exp: now - 120 }),
    'a-alg-none': zendesk.sign(claimsA, { alg: 'none' }),
    'a-hs256-public-key': zendesk.sign(claimsA, { alg: 'HS256' }),
    'a-foreign-key': zendesk.sign(claimsA, { foreignKey: true }),
    'a-unknown-kid': zendesk.sign(claimsA, { kid: 'f'.repeat(64) }),
    'a-payload-flipped': `${h}.${flip(p, 5)}.${s}`,
    'a-signature-flipped': `${h}.${p}.${flip(s, 10)}`,
    'a-segments-swapped': `${p}.${h}.${s}`,
    'a-unsigned': `${h}.${p}.`,
    garbage: 'not-a-jwt',
    huge: 'a'.repeat(9000),
  };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await zendesk.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function send(
  route: RouteModule,
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string | Uint8Array; id?: string } = {},
): Promise<Response> {
  const handler = route[method];
  if (!handler) throw new Error(`no ${method} export`);
  const req = new Request(url, { method, headers: init.headers, body: init.body as BodyInit });
  const params: Record<string, string> = init.id === undefined ? {} : { id: init.id };
  return handler(req, { params: Promise.resolve(params) });
}

async function listA(): Promise<unknown> {
  const res = await send(collection, 'GET', `${BASE}/api/todo_items`, {
    headers: { authorization: `Bearer ${tokenA}` },
  });
  expect(res.status).toBe(200);
  return res.json();
}

// ---- the fuzzed request ----

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const idArb = fc.oneof(
  fc.constantFrom('1', '2', '3', '4', '0', '-1', '1.5', '1e3', '0x10', '9007199254740992', ' 1'),
  fc.constantFrom('9007199254740991', '01', '१', '', '%2F', '../1', 'null'),
  fc.nat().map(String),
  printable,
);
const validBody = fc
  .oneof(
    fc.record({ value: fc.string({ minLength: 1, maxLength: 40 }) }),
    fc.record({ value: fc.string({ minLength: 1, maxLength: 40 }), done: fc.boolean() }),
    fc.record({ done: fc.boolean() }),
  )
  .map((o) => JSON.stringify(o));
const bodyArb = fc.oneof(
  { arbitrary: validBody, weight: 10 },
  fc.constant(undefined),
  fc
    .record(
      {
        value: fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 600 }),
          fc.jsonValue(),
        ),
        done: fc.oneof(fc.boolean(), fc.jsonValue()),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
  fc.string({ maxLength: 60 }),
  fc.uint8Array({ maxLength: 60 }),
  fc.constant(JSON.stringify({ value: 'x'.repeat(16_400) })),
);
/** Weighted so that about half the requests get past CORS, the method and the token. */
const weighted = <T>(...entries: [T, number][]): fc.Arbitrary<T> =>
  fc.oneof(...entries.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));

const requestArb = fc.record({
  target: weighted<[string, string]>(
    [['collection', 'GET'], 2],
    [['collection', 'POST'], 4],
    [['item', 'PATCH'], 4],
    [['item', 'DELETE'], 3],
    [['collection', 'PATCH'], 1],
    [['collection', 'DELETE'], 1],
    [['collection', 'PUT'], 1],
    [['item', 'GET'], 1],
    [['item', 'POST'], 1],
    [['collection', 'OPTIONS'], 1],
    [['item', 'OPTIONS'], 1],
  ),
  id: idArb,
  query: weighted(['', 6], ['?done=true', 2], ['?done=false', 1], ['?done=1', 1], ['?x=1', 1]),
  token: weighted(
    ['valid-b', 60],
    ...[
      'b-no-origin',
      'b-foreign-origin',
      'b-expired',
      'a-alg-none',
      'a-hs256-public-key',
      'a-foreign-key',
      'a-unknown-kid',
      'a-payload-flipped',
      'a-signature-flipped',
      'a-segments-swapped',
      'a-unsigned',
      'garbage',
      'huge',
      'none',
    ].map((t): [string, number] => [t, 2]),
  ),
  scheme: weighted(['Bearer ', 10], ['bearer ', 1], ['Basic ', 1], ['', 1]),
  contentType: weighted<string | undefined>(
    ['application/json', 10],
    ['application/json; charset=utf-8', 1],
    ['APPLICATION/JSON', 1],
    ['text/plain', 1],
    ['application/jsonx', 1],
    [undefined, 1],
  ),
  origin: weighted<string | undefined>(
    [undefined, 12],
    ['allowed', 3],
    ['https://evil.example', 1],
    ['null', 1],
  ),
  idempotencyKey: fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), printable)),
  body: bodyArb,
});

describe('route handlers under fuzzing', () => {
  it('never 500, always the error envelope, never touching user A (numRuns 800)', async () => {
    for (const value of [`${SECRET}1`, `${SECRET}2`, `${SECRET}3`]) {
      const res = await send(collection, 'POST', `${BASE}/api/todo_items`, {
        headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
      });
      expect(res.status).toBe(201);
    }
    const before = await listA();
    expect(JSON.stringify(before)).toContain(`${SECRET}3`);
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const headers: Record<string, string> = {};
        if (r.token !== 'none') headers.authorization = `${r.scheme}${tokens[r.token]}`;
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.origin) headers.origin = r.origin === 'allowed' ? zendesk.url : r.origin;
        if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
        const [route, method] = r.target;
        const isItem = route === 'item';
        const url = `${BASE}/api/todo_items${isItem ? `/${encodeURIComponent(r.id)}` : ''}${r.query}`;
        const body = method === 'GET' ? undefined : r.body;
        const res = await send(isItem ? item : collection, method, url, {
          headers,
          body,
          id: isItem ? r.id : undefined,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);

        expect(res.status).not.toBe(500);
        const text = await res.text();
        expect(text).not.toContain(SECRET);
        if (res.status < 300 && method !== 'OPTIONS') {
          expect({ token: r.token, scheme: r.scheme.trim().toLowerCase() }).toEqual({
            token: 'valid-b',
            scheme: 'bearer',
          });
        }
        if (res.status >= 400) {
          const parsed = JSON.parse(text) as { error: { code: string; message: string } };
          expect(Object.keys(parsed)).toEqual(['error']);
          expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message']);
          expect(typeof parsed.error.message).toBe('string');
          expect(ERROR_STATUS[parsed.error.code]).toBe(res.status);
          expect(res.headers.get('cache-control')).toBe('no-store');
        }
        expect(await listA()).toEqual(before);
      }),
      { numRuns: 800 },
    );
    // The fuzzer got past authentication into the store (2xx, 404) as well as being refused.
    const count = (from: number, to: number): number =>
      [...statuses].reduce((n, [status, k]) => (status >= from && status < to ? n + k : n), 0);
    expect(count(200, 203)).toBeGreaterThan(30);
    expect(statuses.get(404) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(40);
    expect(count(400, 401)).toBeGreaterThan(40);
  });
});
