/**
 * What the API benchmark measures: the floor (the bare app's one route), then on every hc-todo
 * server its routes — GET of 20 items, POST onto short and near-full lists, and two refusals (a garbage token and a
 * signed token whose kid the JWKS does not publish). Each case says the status it must get.
 */
import type { AppServer } from '../../dev/app-server';
import type { FakeZendesk } from '../../dev/fake-zendesk';
import { FULL_PER_USER, SMALL_PER_USER } from './fixtures';
import type { Fixtures } from './fixtures';

export interface Server {
  readonly name: string;
  readonly app: AppServer;
  readonly fixtures: Fixtures;
  /** Requests the store received so far (KV: bridge HTTP requests; Redis: EVAL/EVALSHA). */
  readonly storeRequests?: () => Promise<number>;
}

export interface Case {
  readonly name: string;
  readonly expect: number;
  /** autocannon options for this case on `s` (see load.mjs). */
  load(s: Server): Record<string, unknown>;
  /** Arranges the lists before each run. */
  before?(s: Server): Promise<void>;
}

/** hc-todo's cases; every ratio is against the bare app's GET (`floorCase`) in the same round. */
/** The floor: the bare app's GET (scripts/bench-api/bare-app/), the same path and body size. */
export const floorCase: Case = {
  name: 'bare app GET (floor)',
  expect: 200,
  load: (s) => ({ url: `${s.app.url}/api/todo_items` }),
};

export function benchCases(zendesk: FakeZendesk): Case[] {
  const exp = Math.floor(Date.now() / 1000) + 3600; // the default 5 min is shorter than a run
  const token = (userId: number): string => zendesk.userToken(userId, { exp });
  const tokensOf = (ids: readonly number[]): string[] => ids.map(token);
  const post = { method: 'POST', headers: { 'content-type': 'application/json' } };
  const body = '{"value":"benchmark item"}';
  return [
    {
      name: 'GET, 20 items',
      expect: 200,
      load: (s) => ({
        url: `${s.app.url}/api/todo_items`,
        headers: { authorization: `Bearer ${token(s.fixtures.getUser)}` },
      }),
    },
    {
      name: 'POST, list at 0–7 items',
      expect: 201,
      before: (s) => s.fixtures.resetSmall(),
      load: (s) => ({
        url: `${s.app.url}/api/todo_items`,
        ...post,
        body,
        tokens: tokensOf(s.fixtures.smallUsers),
        perToken: SMALL_PER_USER,
      }),
    },
    {
      name: 'POST, list at 480–498 items',
      expect: 201,
      before: (s) => s.fixtures.resetFull(),
      load: (s) => ({
        url: `${s.app.url}/api/todo_items`,
        ...post,
        body,
        tokens: tokensOf(s.fixtures.fullUsers),
        perToken: FULL_PER_USER,
        amount: s.fixtures.fullUsers.length * FULL_PER_USER,
      }),
    },
    {
      name: 'garbage token',
      expect: 401,
      load: (s) => ({
        url: `${s.app.url}/api/todo_items`,
        headers: { authorization: 'Bearer bm90.YS1qd3Q.Z2FyYmFnZQ' },
      }),
    },
    {
      // Well-formed and signed, but by a key the JWKS does not publish: one JWKS fetch, then
      // the key set's 30 s cooldown answers from its cache.
      name: 'unknown-kid token',
      expect: 401,
      load: (s) => ({
        url: `${s.app.url}/api/todo_items`,
        headers: {
          authorization: `Bearer ${zendesk.userToken(s.fixtures.getUser, { exp }, { kid: 'f'.repeat(64), foreignKey: true })}`,
        },
      }),
    },
  ];
}
