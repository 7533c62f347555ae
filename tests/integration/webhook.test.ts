/**
 * Zendesk's user-deletion webhook (docs/privacy.md) over real HTTP against the production build, in
 * every store mode. Deliveries are signed here with node:crypto exactly as Zendesk documents it,
 * independently of the app's code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addItems, call, errorCode, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { STORE_MODES, system } from '../support/system';
import {
  deliver,
  isoSeconds,
  sign,
  userDeleted,
  WEBHOOK_PATH as PATH,
  WEBHOOK_SECRET as SECRET,
} from '../support/webhook';
import type { DeliveryOptions } from '../support/webhook';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
const KIB64 = 64 * 1024;

async function listOf(base: string, token: string): Promise<string[]> {
  const res = await call<{ todo_items: Item[] }>(base, 'GET', '/api/todo_items', { token });
  expect(res.status).toBe(200);
  return res.body.todo_items.map((i) => i.value);
}

/** A JSON event of exactly `size` bytes that the app ignores. */
function paddedEvent(size: number): string {
  const head = '{"type":"zen:event-type:user.created","pad":"';
  const tail = '"}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

describe.each(STORE_MODES)('Zendesk webhook (%s store)', (mode) => {
  const base = sut.apps[mode];
  let userId: number;
  let token: string;
  beforeAll(async () => {
    userId = newUserId();
    token = await zendesk.userToken(userId);
  });

  it('user.deleted erases exactly that user, id counter included; a repeat erases 0', async () => {
    const otherId = newUserId();
    const other = await zendesk.userToken(otherId);
    const victim = newUserId();
    const victimToken = await zendesk.userToken(victim);
    const [, , last] = await addItems(base, victimToken, ['one', 'two', 'three']);
    expect(last!.id).toBeGreaterThan(1);
    await addItems(base, other, ['untouched']);

    const res = await deliver(base, userDeleted(String(victim)));
    expect([res.status, res.body]).toEqual([200, { erased: 3 }]);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await listOf(base, victimToken)).toEqual([]);
    expect(await listOf(base, other)).toEqual(['untouched']);

    // The counter went too: the next add starts again at 1 (unlike DELETE /api/me).
    const [fresh] = await addItems(base, victimToken, ['new life']);
    expect(fresh!.id).toBe(1);

    // Zendesk may deliver twice: harmless.
    expect((await deliver(base, userDeleted(String(victim)))).body).toEqual({ erased: 1 });
    expect((await deliver(base, userDeleted(String(victim)))).body).toEqual({ erased: 0 });
    // A user hc-todo never saw.
    expect((await deliver(base, userDeleted(String(newUserId())))).body).toEqual({ erased: 0 });
  });

  it('any other signed event is acknowledged and ignored — the soft delete included', async () => {
    await addItems(base, token, ['keep']);
    for (const body of [
      {
        type: 'zen:event-type:user.active_changed',
        detail: { id: String(userId) },
        event: { current: false, previous: true },
      },
      { type: 'zen:event-type:user.created', detail: { id: String(userId) } },
      { type: 'zen:event-type:user.deleted.typo', detail: { id: String(userId) } },
      {},
    ]) {
      const res = await deliver(base, body);
      expect([res.status, res.body]).toEqual([200, { ignored: true }]);
    }
    expect(await listOf(base, token)).toContain('keep');
  });

  describe('refuses with 401 invalid_signature and erases nothing', () => {
    const now = Date.now;
    const cases: [string, () => [unknown, DeliveryOptions]][] = [
      ['a wrong secret', () => [userDeleted(String(userId)), { secret: `${SECRET}-not` }]],
      [
        'a tampered body',
        () => {
          const signed = JSON.stringify(userDeleted(String(newUserId())));
          const timestamp = isoSeconds(now());
          return [
            JSON.stringify(userDeleted(String(userId))),
            { timestamp, signature: sign(SECRET, timestamp, signed) },
          ];
        },
      ],
      [
        'a tampered timestamp',
        () => {
          const body = JSON.stringify(userDeleted(String(userId)));
          const signedAt = isoSeconds(now() - 1000);
          return [body, { timestamp: isoSeconds(now()), signature: sign(SECRET, signedAt, body) }];
        },
      ],
      [
        'a stale timestamp (6 min)',
        () => [userDeleted(String(userId)), { timestamp: isoSeconds(now() - 6 * 60_000) }],
      ],
      [
        'a future timestamp (6 min)',
        () => [userDeleted(String(userId)), { timestamp: isoSeconds(now() + 6 * 60_000) }],
      ],
      [
        'a timestamp in unix seconds',
        () => [userDeleted(String(userId)), { timestamp: String(Math.floor(now() / 1000)) }],
      ],
      ['no signature header', () => [userDeleted(String(userId)), { signature: null }]],
      ['no timestamp header', () => [userDeleted(String(userId)), { omitTimestamp: true }]],
      ['an empty signature', () => [userDeleted(String(userId)), { signature: '' }]],
      ['a hex signature', () => [userDeleted(String(userId)), { signature: 'ab'.repeat(32) }]],
      [
        'invalid JSON with a bad signature (the signature is checked first)',
        () => ['{not json', { secret: 'wrong' }],
      ],
    ];
    it.each(cases)('%s', async (_name, make) => {
      await addItems(base, token, ['still here']);
      const [body, opts] = make();
      const res = await deliver(base, body, opts);
      expect([res.status, errorCode(res)]).toEqual([401, 'invalid_signature']);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await listOf(base, token)).toContain('still here');
    });
  });

  it('accepts exactly 64 KiB; one byte more is 413 body_too_large', async () => {
    const exact = paddedEvent(KIB64);
    expect(Buffer.byteLength(exact)).toBe(KIB64);
    const ok = await deliver(base, exact);
    expect([ok.status, ok.body]).toEqual([200, { ignored: true }]);

    const over = await deliver(base, paddedEvent(KIB64 + 1));
    expect([over.status, errorCode(over)]).toEqual([413, 'body_too_large']);
  });

  it('enforces the cap while reading: a chunked body that never ends is cut off at 64 KiB', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 80 KiB, then the stream stays open: only a reader that stops at the cap can answer.
        if (sent >= 80 * 1024) return new Promise(() => {});
        sent += 8 * 1024;
        controller.enqueue(new Uint8Array(8 * 1024).fill(0x20));
      },
    });
    const res = await fetch(`${base}${PATH}`, {
      method: 'POST',
      headers: {
        'x-zendesk-webhook-signature': sign(SECRET, isoSeconds(Date.now()), ''),
        'x-zendesk-webhook-signature-timestamp': isoSeconds(Date.now()),
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it('a validly signed body that is not JSON is 400 invalid_json', async () => {
    for (const body of ['{"type": "zen:event-type:user.deleted"', '', 'type=user.deleted']) {
      const res = await deliver(base, body);
      expect([res.status, errorCode(res)]).toEqual([400, 'invalid_json']);
    }
  });

  it('a user.deleted whose detail.id is not a string of digits is 400 invalid_body', async () => {
    await addItems(base, token, ['survivor']);
    for (const id of [userId, `${userId}x`, '', '-1', '1e3', null]) {
      const res = await deliver(base, userDeleted(id));
      expect([res.status, errorCode(res)]).toEqual([400, 'invalid_body']);
    }
    const noDetail = await deliver(base, { type: 'zen:event-type:user.deleted' });
    expect([noDetail.status, errorCode(noDetail)]).toEqual([400, 'invalid_body']);
    expect(await listOf(base, token)).toContain('survivor');
  });

  it('digits that cannot be a user (leading zero, past 2^53) erase nobody: 200 erased 0', async () => {
    await addItems(base, token, ['kept']);
    for (const id of [`00${userId}`, '9'.repeat(30)]) {
      const res = await deliver(base, userDeleted(id));
      expect([res.status, res.body]).toEqual([200, { erased: 0 }]);
    }
    expect(await listOf(base, token)).toContain('kept');
  });

  it('does not check the Content-Type', async () => {
    const victim = newUserId();
    const victimToken = await zendesk.userToken(victim);
    await addItems(base, victimToken, ['x']);
    const res = await deliver(base, userDeleted(String(victim)), {
      headers: { 'content-type': 'text/plain' },
    });
    expect([res.status, res.body]).toEqual([200, { erased: 1 }]);
  });

  it('sends no CORS headers, whatever the Origin', async () => {
    for (const origin of [sut.zendeskUrl, 'https://evil.example']) {
      const res = await deliver(
        base,
        { type: 'zen:event-type:user.created' },
        {
          headers: { origin },
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const bad = await deliver(base, {}, { headers: { origin }, signature: null });
      expect(bad.status).toBe(401);
      expect(bad.headers.get('access-control-allow-origin')).toBeNull();

      const preflight = await fetch(`${base}${PATH}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
      expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    }
  });

  it('answers every delivery, good or bad, with an X-Request-Id (echoing a well-formed one)', async () => {
    const good = await deliver(
      base,
      { type: 'zen:event-type:user.created' },
      {
        headers: { 'x-request-id': 'zendesk-delivery-42' },
      },
    );
    expect([good.status, good.headers.get('x-request-id')]).toEqual([200, 'zendesk-delivery-42']);
    const bad = await deliver(base, {}, { signature: null });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const options = await fetch(`${base}${PATH}`, { method: 'OPTIONS' });
    expect(options.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('other methods are 405 with Allow', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const res = await call(base, method, PATH);
      expect([method, res.status, errorCode(res)]).toEqual([method, 405, 'method_not_allowed']);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    }
  });
});
