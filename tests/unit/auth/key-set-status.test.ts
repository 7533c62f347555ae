/**
 * The key set's read-only status and its explicit refresh (used by the setup page): a refresh
 * obeys the same 30 s cooldown as the API's unknown-kid refreshes, and the status says what the
 * last fetch found without exposing a key.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKeySet } from '@/lib/auth/key-set';
import type { KeySet } from '@/lib/auth/key-set';
import { newTestKey, startJwksServer } from './jwks-server';
import type { JwksServer, TestKey } from './jwks-server';

const COOLDOWN = 30_000;

let server: JwksServer;
let keys: TestKey[];
let clock: number;
let keySet: KeySet;

beforeAll(() => {
  keys = [newTestKey(), newTestKey()];
});
beforeEach(async () => {
  server = await startJwksServer(keys);
  clock = 1_000_000_000;
  keySet = createKeySet(server.url, { now: () => clock, timeoutMs: 300 });
});
afterEach(() => server.close());

describe('key set status', () => {
  it('is empty before any fetch, and refresh() fetches and counts the keys', async () => {
    expect(keySet.status()).toEqual({
      lastFailed: false,
      fetchedAt: undefined,
      attemptedAt: undefined,
      keyCount: 0,
    });
    await keySet.refresh();
    expect(keySet.status()).toEqual({
      lastFailed: false,
      fetchedAt: clock,
      attemptedAt: clock,
      keyCount: 2,
    });
    expect(server.counts.fetches).toBe(1);
  });

  it('refresh() obeys the cooldown: one fetch per 30 s however often it is called', async () => {
    await Promise.all([keySet.refresh(), keySet.refresh(), keySet.refresh()]);
    clock += COOLDOWN - 1;
    await keySet.refresh();
    expect(server.counts.fetches).toBe(1);
    clock += 1;
    await keySet.refresh();
    expect(server.counts.fetches).toBe(2);
  });

  it('reports a failed fetch, keeping the last good set and when it was fetched', async () => {
    await keySet.refresh();
    const goodAt = clock;
    server.answer = 'error';
    clock += COOLDOWN;
    await keySet.refresh();
    expect(keySet.status()).toEqual({
      lastFailed: true,
      fetchedAt: goodAt,
      attemptedAt: clock,
      keyCount: 2,
    });
  });

  it('a refresh that hangs ends at the timeout, as failed', async () => {
    server.answer = 'hang';
    await keySet.refresh();
    expect(keySet.status().lastFailed).toBe(true);
    expect(keySet.status().fetchedAt).toBeUndefined();
  });
});
