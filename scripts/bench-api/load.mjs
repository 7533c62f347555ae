// The benchmark's load generator, in a process of its own so that it never shares an event loop
// with the server under test or with the Upstash bridge (both would skew the numbers):
//   node scripts/bench-api/load.mjs options.json   → one JSON line on stdout
// Options: url, method, headers, body, connections, duration (s) or amount (requests), and
// optionally tokens + perToken: request i then carries tokens[floor(i / perToken) % n].
import fs from 'node:fs';
import autocannon from 'autocannon';

const opts = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let sent = 0;
const request = {
  method: opts.method ?? 'GET',
  headers: opts.headers ?? {},
  body: opts.body,
};
if (opts.tokens) {
  request.setupRequest = (req) => {
    const token = opts.tokens[Math.floor(sent++ / opts.perToken) % opts.tokens.length];
    return { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
  };
}

const result = await autocannon({
  url: opts.url,
  connections: opts.connections ?? 50,
  ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 3 }),
  requests: [request],
});
const statuses = Object.fromEntries(
  Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
);
process.stdout.write(
  `${JSON.stringify({
    responses: result.requests.total,
    // Requests sent, answered or not when the time ran out: each reached the store.
    sent: result.requests.sent,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  })}\n`,
);
