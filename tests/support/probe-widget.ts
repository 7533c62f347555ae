/**
 * Iframe mode's hand-off seen from the frame: a probe page on the app's origin stands in for
 * /widget, records how it was opened (`opened`: method and body) and every message from its
 * parent, and posts what the test tells it to. The parent is the real snippet in the fake help
 * center (tests/e2e/hand-off-table.test.ts).
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';

import { newContext, signIn, widgetFrame } from '../../dev/browser';
import type { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { answerTokenRequests, type TokenReply } from './hand-off-cases';

export interface Opened {
  method: string;
  body: string | null;
}

export interface Received {
  origin: string;
  data: Record<string, unknown>;
}

const probe = (
  opened: Opened,
): string => `<!DOCTYPE html><html lang="en"><title>probe</title><script>
window.opened = ${JSON.stringify(opened).replace(/</g, '\\u003c')};
window.got = [];
addEventListener('message', function (e) {
  if (e.source === parent) got.push({ origin: e.origin, data: e.data });
});
window.say = function (message) { parent.postMessage(message, '*'); };
</script>`;

export interface ProbePage {
  page: Page;
  context: BrowserContext;
  /** A valid token of the signed-in user ('' when anonymous). */
  valid: string;
  /** Token requests so far. */
  fetches: () => number;
}

/** A page signed in as `user` whose widget is the probe, the token endpoint answering `reply`. */
export async function probePage(
  browser: Browser,
  zendesk: FakeZendeskClient,
  app: string,
  user: number | 'anonymous',
  reply: TokenReply,
): Promise<ProbePage> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, zendesk.url, user);
  const valid = typeof user === 'number' ? await zendesk.userToken(user) : '';
  await context.route(
    (url) => url.origin === app && url.pathname === '/widget',
    (route) => {
      const opened = { method: route.request().method(), body: route.request().postData() };
      return route.fulfill({ contentType: 'text/html', body: probe(opened) });
    },
  );
  const fetches = await answerTokenRequests(context, zendesk.url, valid, () => reply);
  return { page, context, valid, fetches };
}

/** The probe frame once the parent has opened it as `method` (a POST replaces a first GET). */
export async function openedFrame(page: Page, app: string, method: 'POST' | 'GET'): Promise<Frame> {
  const frame = await widgetFrame(page, app);
  await frame.waitForFunction(
    (m) => (window as unknown as { opened: Opened }).opened.method === m,
    method,
  );
  return frame;
}

/** Has the probe post `message` to its parent. */
export const say = (frame: Frame, message: Record<string, unknown>): Promise<void> =>
  frame.evaluate((m) => (window as unknown as { say(m: unknown): void }).say(m), message);

/** Says `ready` and returns what the parent answered: config, then a token or its error. */
export async function handshake(frame: Frame): Promise<[Received, Received]> {
  const before = await frame.evaluate(() => (window as unknown as { got: unknown[] }).got.length);
  await say(frame, { type: 'hc-todo:ready', v: 1 });
  await frame.waitForFunction(
    (n) => (window as unknown as { got: unknown[] }).got.length >= n + 2,
    before,
  );
  const got = await frame.evaluate(() => (window as unknown as { got: Received[] }).got);
  return [got[before]!, got[before + 1]!];
}
