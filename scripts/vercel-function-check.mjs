// @ts-check
/**
 * The function half of scripts/vercel-build-check.sh, kept in its own file so it is linted,
 * formatted and type-checked like the rest of the code.
 *
 *   node scripts/vercel-function-check.mjs stage <project> <function> <dest>
 *     lays out one built function the way Vercel ships it: the .func folder plus every file of
 *     its filePathMap (symlinks kept), so that only the function's own files can be resolved.
 *   node scripts/vercel-function-check.mjs call <dest> no-kv|kv
 *     loads the function's launcher and checks what it answers, as Vercel would call it.
 *   node scripts/vercel-function-check.mjs call <dest> page
 *     the same for the `index` function: the setup page at `/` renders, every check passes (KV
 *     and Zendesk's keys stand-ins on 127.0.0.1) and both snippets carry
 *     VERCEL_PROJECT_PRODUCTION_URL — which proves the snippets ship inside the function.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

// The launcher is CommonJS; its require cache is what shows which modules it loaded.
const require = createRequire(import.meta.url);

const [mode, ...args] = process.argv.slice(2);

/** @param {string | undefined} value @param {string} name @returns {string} */
function arg(value, name) {
  if (!value) throw new Error(`missing argument <${name}>`);
  return value;
}

/** @param {string} project @param {string} fn @param {string} dest */
function stage(project, fn, dest) {
  const funcDir = fs.realpathSync(path.join(project, '.vercel/output/functions', `${fn}.func`));
  /** @type {{ filePathMap?: Record<string, string>, runtime?: string, handler?: string }} */
  const vc = JSON.parse(fs.readFileSync(path.join(funcDir, '.vc-config.json'), 'utf8'));
  fs.cpSync(funcDir, dest, { recursive: true, dereference: true });
  for (const [to, from] of Object.entries(vc.filePathMap ?? {})) {
    const source = path.join(project, from);
    const target = path.join(dest, to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (fs.lstatSync(source).isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else fs.copyFileSync(source, target);
  }
  const files = Object.keys(vc.filePathMap ?? {}).length;
  console.log(`staged ${fn}: ${files} files, ${vc.runtime}, handler ${vc.handler}`);
}

/** @param {http.Server} server @returns {Promise<number>} the port it listens on */
function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port),
    ),
  );
}

/** Stands in for the Upstash REST API: answers PING (all /api/health sends), nothing else. */
function fakeUpstash() {
  return http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      /** @type {unknown} */
      let command;
      try {
        command = JSON.parse(body);
      } catch {
        command = undefined;
      }
      const ok =
        req.headers.authorization === 'Bearer build-check' &&
        Array.isArray(command) &&
        String(command[0]).toLowerCase() === 'ping';
      // The client asks for base64-encoded results (`Upstash-Encoding: base64`).
      const base64 = String(req.headers['upstash-encoding']).toLowerCase() === 'base64';
      const result = base64 ? Buffer.from('PONG').toString('base64') : 'PONG';
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { result } : { error: 'not supported by the build check' }));
    });
  });
}

/** Stands in for Zendesk's key endpoint: one RSA key. */
function fakeJwks() {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'build-check', use: 'sig' };
  return http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
}

/** @param {unknown} cond @param {string} what */
function expect(cond, what) {
  if (!cond) throw new Error(what);
}

/** @param {string} dir @param {string} scenario */
async function call(dir, scenario) {
  process.env.VERCEL = '1';
  process.env.ZENDESK_SUBDOMAIN = 'acme';
  const upstash = scenario === 'no-kv' ? undefined : fakeUpstash();
  if (upstash) {
    process.env.KV_REST_API_URL = `http://127.0.0.1:${await listen(upstash)}`;
    process.env.KV_REST_API_TOKEN = 'build-check';
  }
  // The whole environment before the launcher loads, as on Vercel: the configuration is read
  // once per process, by whichever module asks first (instrumentation does, at load).
  const jwks = scenario === 'page' ? fakeJwks() : undefined;
  if (jwks) {
    process.env.ZENDESK_JWKS_URL = `http://127.0.0.1:${await listen(jwks)}/keys.json`;
    process.env.VERCEL_PROJECT_PRODUCTION_URL = 'hc-todo-check.vercel.app';
  }
  /** @type {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} */
  const handler = require(path.resolve(dir, '___next_launcher.cjs'));
  const app = http.createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error) => {
      console.error(error);
      res.statusCode = 500;
      res.end('launcher error');
    });
  });
  const port = await listen(app);
  /** @param {string} p @returns {Promise<{ status: number, body: any }>} */
  const get = async (p) => {
    // Vercel's proxy routes the request and names the matched function path.
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: { 'x-matched-path': p } });
    const text = await res.text();
    console.log(`[${scenario}] GET ${p} -> ${res.status} ${text.slice(0, 300)}`);
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      throw new Error(`GET ${p} answered ${res.status} with a body that is not JSON`);
    }
  };

  if (scenario === 'page') {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-matched-path': '/' } });
    const html = await res.text();
    const states = [...html.matchAll(/data-state="(\w+)"/g)].map((m) => m[1]);
    console.log(`[page] GET / -> ${res.status}, checklist: ${states.join(' ')}`);
    expect(res.status === 200, `/ answered ${res.status}`);
    expect(states.length === 6 && !states.includes('problem'), 'the setup page reports a problem');
    for (const file of ['embed.js', 'widget']) {
      expect(
        html.includes(`https://hc-todo-check.vercel.app/${file}`),
        `the setup page's snippets do not point at VERCEL_PROJECT_PRODUCTION_URL (/${file})`,
      );
    }
    app.close();
    upstash?.close();
    jwks?.close();
    return;
  }
  const health = await get('/api/health');
  const items = await get('/api/todo_items');
  if (scenario === 'no-kv') {
    expect(
      health.status === 503 && health.body.error?.code === 'server_misconfigured',
      '/api/health without KV on Vercel must answer 503 server_misconfigured',
    );
    expect(
      health.body.error?.variables?.includes('KV_REST_API_URL'),
      '/api/health must name KV_REST_API_URL',
    );
    expect(
      items.status === 503 && items.body.error?.code === 'server_misconfigured',
      '/api/todo_items without KV on Vercel must answer 503 server_misconfigured',
    );
  } else {
    expect(
      health.status === 200 && health.body.status === 'ok' && health.body.store === 'kv',
      '/api/health with KV must answer 200 {"status": "ok", "store": "kv"}',
    );
    expect(
      items.status === 401 && items.body.error?.code === 'missing_token',
      '/api/todo_items without a token must answer 401 missing_token',
    );
    const sqlite = Object.keys(require.cache).filter((file) => file.includes('better-sqlite3'));
    expect(sqlite.length === 0, `the KV deployment loaded better-sqlite3: ${sqlite[0]}`);
  }
  app.close();
  upstash?.close();
}

if (mode === 'stage') {
  stage(arg(args[0], 'project'), arg(args[1], 'function'), arg(args[2], 'dest'));
} else if (mode === 'call') {
  call(arg(args[0], 'dest'), arg(args[1], 'scenario')).then(
    () => process.exit(0),
    (error) => {
      console.error(`function check failed: ${error.message}`);
      process.exit(1);
    },
  );
} else {
  throw new Error(`unknown mode ${mode}: use stage or call`);
}
