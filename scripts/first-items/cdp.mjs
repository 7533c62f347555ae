/**
 * A bare Chrome DevTools Protocol client over `--remote-debugging-pipe` (fd 3 in, fd 4 out,
 * NUL-terminated JSON), with flattened sessions. The bench drives Chromium with this instead of
 * Playwright because Playwright holds every new frame target (waitForDebuggerOnStart) for its
 * own set-up, which delayed only the framed pages: here nothing is ever paused.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Launches `executable` with `args` and returns `{ send(method, params, sessionId),
 * on(handler), version, close() }`; `handler(method, params, sessionId)` sees every event.
 */
export async function launchPipeBrowser(executable, args) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-bench-profile-'));
  const child = spawn(
    executable,
    [...args, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
    {
      stdio: [
        'ignore',
        'ignore',
        process.env.BENCH_CHROMIUM_LOG ? 'inherit' : 'ignore',
        'pipe',
        'pipe',
      ],
    },
  );
  const toBrowser = child.stdio[3];
  const fromBrowser = child.stdio[4];
  const pending = new Map();
  const handlers = [];
  let nextId = 0;
  let buffer = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (!waiter) continue;
        if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter.resolve(message.result);
      } else {
        for (const handler of handlers) handler(message.method, message.params, message.sessionId);
      }
    }
  });

  function send(method, params = {}, sessionId = undefined) {
    const id = (nextId += 1);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  }

  const { product } = await send('Browser.getVersion');
  return {
    send,
    on(handler) {
      handlers.push(handler);
      return () => handlers.splice(handlers.indexOf(handler), 1);
    },
    version: product,
    async close() {
      await send('Browser.close').catch(() => {});
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', resolve),
      );
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
