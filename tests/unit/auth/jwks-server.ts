/**
 * A key endpoint on real loopback HTTP whose answer a test switches: the keys, a 500, a hang,
 * bad JSON, a wrong shape or a redirect — more failure modes than the fake Zendesk's, whose keys
 * (dev/fake-zendesk.ts) it publishes. Counts what it receives.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { newSigningKey, publicJwk, type SigningKey } from '../../../dev/fake-zendesk';

export type TestKey = SigningKey;
export { newSigningKey as newTestKey, publicJwk };

export type JwksAnswer = 'ok' | 'error' | 'hang' | 'bad-json' | 'wrong-shape' | 'redirect';

export interface JwksServer {
  readonly url: string;
  answer: JwksAnswer;
  /** The keys published while answering 'ok'. */
  keys: TestKey[];
  /** Raw entries published after `keys`, to serve malformed ones. */
  extra: unknown[];
  /** Requests to the key path; requests to the redirect target. */
  readonly counts: { fetches: number; redirectTarget: number; hanging: number };
  close(): Promise<void>;
}

export async function startJwksServer(keys: TestKey[] = [newSigningKey()]): Promise<JwksServer> {
  const hanging = new Set<http.ServerResponse>();
  const counts = { fetches: 0, redirectTarget: 0, hanging: 0 };
  const server = http.createServer((req, res) => {
    if (req.url === '/elsewhere.json') {
      counts.redirectTarget += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: state.keys.map(publicJwk) }));
      return;
    }
    counts.fetches += 1;
    const json = (status: number, body: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    };
    switch (state.answer) {
      case 'ok':
        return json(200, JSON.stringify({ keys: [...state.keys.map(publicJwk), ...state.extra] }));
      case 'error':
        return json(500, '{"error":"internal"}');
      case 'bad-json':
        return json(200, '{"keys": [');
      case 'wrong-shape':
        return json(200, JSON.stringify({ keys: { kid: 'x' } }));
      case 'redirect':
        res.writeHead(302, { location: '/elsewhere.json' }).end();
        return;
      case 'hang':
        hanging.add(res);
        counts.hanging = hanging.size;
        res.once('close', () => {
          hanging.delete(res);
          counts.hanging = hanging.size;
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const state: JwksServer = {
    url: `http://127.0.0.1:${port}/keys.json`,
    answer: 'ok',
    keys,
    extra: [],
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
