/**
 * An HTTP proxy in front of one app server that notes every request reaching it: what the
 * browser sends but does not report (CORS preflights never show in Playwright's request events),
 * seen where the app would see it. It serves the app under another origin of its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** `http://localhost:<port>`: the app, as a browser reaches it through the proxy. */
  readonly url: string;
  /** How many requests with `method` for `path` (without the query) have reached it so far. */
  count(method: string, path: string): number;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${new URL(req.url ?? '/', upstream).pathname}`);
    const forward = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    count: (method, path) => seen.filter((request) => request === `${method} ${path}`).length,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
