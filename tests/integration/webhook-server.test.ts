/**
 * Webhook behaviour that needs a server of its own: switched off without a secret, its log
 * line, no per-user rate limit, and the admin's `npm run webhook:test` script.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItems, call, errorCode, newUserId } from '../support/api';
import type { Item } from '../support/api';
import { startApp } from '../../dev/app-server';
import type { AppServer } from '../../dev/app-server';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { appEnv, system } from '../support/system';
import { deliver, userDeleted, WEBHOOK_PATH, WEBHOOK_SECRET } from '../support/webhook';

const sut = system();
const zendesk = new FakeZendeskClient(sut.zendeskUrl);
const SCRIPT = path.resolve(path.dirname(__filename), '../../scripts/send-test-webhook.mjs');
let dataRoot: string;
const servers: AppServer[] = [];

beforeAll(() => {
  dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-webhook-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

async function app(extra: Record<string, string>): Promise<AppServer> {
  const server = await startApp(appEnv(sut, 'embedded', path.join(dataRoot, 'data'), extra));
  servers.push(server);
  return server;
}

const listOf = async (base: string, token: string): Promise<string[]> =>
  (
    await call<{ todo_items: Item[] }>(base, 'GET', '/api/todo_items', { token })
  ).body.todo_items.map((i) => i.value);

/** Runs the admin script with `env` on top of a minimal environment. */
function runScript(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      // Only PATH and what the test gives: the secret must come from `env` or not at all.
      env: { PATH: process.env.PATH ?? '', ...env } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('with a ZENDESK_WEBHOOK_SECRET anyone could know', () => {
  it.each([
    ['shorter than 32 characters', 'hc-todo-guessable-secret'],
    ["Zendesk's published example", 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=='],
  ])('%s, the server is misconfigured and erases nobody', async (_, secret) => {
    const server = await app({ ZENDESK_WEBHOOK_SECRET: secret });
    const health = await call<{ error: { variables: string[] } }>(server.url, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.variables).toEqual(['ZENDESK_WEBHOOK_SECRET']);
    expect(JSON.stringify(health.body)).not.toContain(secret);
    const res = await deliver(server.url, userDeleted(String(newUserId())), { secret });
    expect([res.status, errorCode(res)]).toEqual([503, 'server_misconfigured']);
    // Named at start, never quoted.
    expect(server.output()).toContain('ZENDESK_WEBHOOK_SECRET');
    expect(server.output()).not.toContain(secret);
  });
});

describe('without ZENDESK_WEBHOOK_SECRET', () => {
  it('the webhook route answers 404 not_found, even to a delivery signed with any secret', async () => {
    const server = await app({ ZENDESK_WEBHOOK_SECRET: '' });
    const token = await zendesk.userToken(newUserId());
    await addItems(server.url, token, ['kept']);
    const userId = newUserId();
    for (const secret of [WEBHOOK_SECRET, '']) {
      const res = await deliver(server.url, userDeleted(String(userId)), { secret });
      expect([res.status, errorCode(res)]).toEqual([404, 'not_found']);
      expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    for (const method of ['GET', 'OPTIONS']) {
      expect((await call(server.url, method, WEBHOOK_PATH)).status).toBe(404);
    }
    // The rest of the API is unaffected.
    expect(await listOf(server.url, token)).toEqual(['kept']);
  });
});

describe('with its own server', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await app({ RATE_LIMIT_WRITES_PER_MINUTE: '2' });
  });

  it('is not limited per user: erases a user who is over their write limit, as often as asked', async () => {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    await addItems(server.url, token, ['a', 'b']);
    const limited = await call(server.url, 'POST', '/api/todo_items', {
      token,
      body: { value: 'c' },
    });
    expect(limited.status).toBe(429);

    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push((await deliver(server.url, userDeleted(String(userId)))).body);
    }
    expect(answers).toEqual([{ erased: 2 }, { erased: 0 }, { erased: 0 }, { erased: 0 }]);
  });

  it('logs one line per delivery: type, outcome and count — never the secret or signature', async () => {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    await addItems(server.url, token, ['x']);
    const before = server.output().length;

    const signature = 'A'.repeat(43) + '=';
    expect((await deliver(server.url, userDeleted(String(userId)), { signature })).status).toBe(
      401,
    );
    expect((await deliver(server.url, userDeleted(String(userId)))).body).toEqual({ erased: 1 });
    expect((await deliver(server.url, { type: 'zen:event-type:user.created' })).status).toBe(200);

    // Wait for the three lines: the log is written after the answer is sent.
    let lines: Record<string, unknown>[] = [];
    for (let i = 0; i < 100 && lines.length < 3; i++) {
      lines = server
        .output()
        .slice(before)
        .split('\n')
        .filter((line) => line.includes(WEBHOOK_PATH))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      if (lines.length < 3) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lines).toEqual([
      expect.objectContaining({ status: 401, outcome: 'invalid_signature:signature_mismatch' }),
      expect.objectContaining({
        status: 200,
        event_type: 'zen:event-type:user.deleted',
        outcome: 'erased',
        erased: 1,
      }),
      expect.objectContaining({
        status: 200,
        event_type: 'zen:event-type:user.created',
        outcome: 'ignored',
      }),
    ]);
    const log = server.output();
    expect(log).not.toContain(WEBHOOK_SECRET);
    expect(log).not.toContain(signature);
    // The deleted user's id is not logged either.
    expect(log).not.toContain(String(userId));
  });

  it('`npm run webhook:test` sends a delivery the app accepts', async () => {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    await addItems(server.url, token, ['one', 'two']);
    const env = { ZENDESK_WEBHOOK_SECRET: WEBHOOK_SECRET };

    const check = await runScript(['--url', server.url, '--check'], env);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('200 OK');
    expect(check.stdout).toContain('{"ignored":true}');
    expect(await listOf(server.url, token)).toEqual(['one', 'two']);

    const erase = await runScript(['--url', server.url, '--user', String(userId)], env);
    console.log(`[send-test-webhook output]\n${erase.stdout}${erase.stderr}`);
    expect(erase.code).toBe(0);
    expect(erase.stdout).toContain('{"erased":2}');
    expect(await listOf(server.url, token)).toEqual([]);

    const wrong = await runScript(['--url', server.url, '--check'], {
      ZENDESK_WEBHOOK_SECRET: 'not-the-secret',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('401');
    expect(wrong.stdout).toContain('invalid_signature');

    const argv = await runScript(
      ['--url', server.url, '--check', `--secret=${WEBHOOK_SECRET}`],
      env,
    );
    expect(argv.code).toBe(1);
    expect(argv.stderr).toContain('ZENDESK_WEBHOOK_SECRET only');
  });
});
