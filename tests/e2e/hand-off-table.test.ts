/**
 * One table of cases, run against both generated hand-offs — public/embed.js (script mode) and
 * the inline script of theme-snippet/todo-list-iframe.hbs (iframe mode) — so the two modes
 * cannot drift apart. The widget is replaced by a probe page on the app's origin that records
 * what the parent posts and says what the test tells it to; the parent is the real snippet in
 * the fake help center, talking to a token endpoint each case shapes.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { freshUserId, newContext, signIn, widgetFrame, type EmbedMode } from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];
const TOKEN_PATH = '/api/v2/help_center/integration/token';

/**
 * Stands in for /widget: records how it was opened (`opened`: method and body) and every message
 * from its parent, and posts what it is told to.
 */
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

interface Opened {
  method: string;
  body: string | null;
}

interface Received {
  origin: string;
  data: Record<string, unknown>;
}

type TokenReply =
  { kind: 'valid' } | { kind: 'fulfill'; status: number; body: string } | { kind: 'abort' };

const UNDECODABLE = 'eyJhbGciOiJSUzI1NiJ9.!!!.sig';

const TOKEN_CASES: {
  name: string;
  reply: TokenReply;
  /** The second message after `ready` (the first is always config); `token: 'VALID'` = the real one. */
  expected: Record<string, unknown>;
  /** Token fetches a second `ready` causes: none while the token is cached, else one. */
  refetches: number;
  /** How the parent opens the widget: a POST carrying the token it got, else a plain GET. */
  opens: 'POST' | 'GET';
}[] = [
  {
    name: 'a valid token (cached until shortly before exp)',
    reply: { kind: 'valid' },
    expected: { type: 'hc-todo:token', v: 1, token: 'VALID' },
    opens: 'POST',
    refetches: 0,
  },
  {
    name: 'a token whose exp cannot be read (passed on, never cached)',
    reply: { kind: 'fulfill', status: 200, body: JSON.stringify({ token: UNDECODABLE }) },
    expected: { type: 'hc-todo:token', v: 1, token: UNDECODABLE },
    opens: 'POST',
    refetches: 1,
  },
  {
    name: 'an answer without a token',
    reply: { kind: 'fulfill', status: 200, body: '{}' },
    expected: { type: 'hc-todo:token-error', v: 1, code: 'failed' },
    opens: 'GET',
    refetches: 1,
  },
  {
    name: 'an answer that is not JSON',
    reply: { kind: 'fulfill', status: 200, body: '<html>' },
    expected: { type: 'hc-todo:token-error', v: 1, code: 'failed' },
    opens: 'GET',
    refetches: 1,
  },
  {
    name: 'a 404 (a plan without help center JWTs)',
    reply: { kind: 'fulfill', status: 404, body: '{}' },
    expected: { type: 'hc-todo:token-error', v: 1, code: 'unavailable', status: 404 },
    opens: 'GET',
    refetches: 1,
  },
  {
    name: 'a 500',
    reply: { kind: 'fulfill', status: 500, body: '{}' },
    expected: { type: 'hc-todo:token-error', v: 1, code: 'failed', status: 500 },
    opens: 'GET',
    refetches: 1,
  },
  {
    name: 'a network failure',
    reply: { kind: 'abort' },
    expected: { type: 'hc-todo:token-error', v: 1, code: 'failed' },
    opens: 'GET',
    refetches: 1,
  },
];

const LOCALE_CASES: {
  name: string;
  path: string;
  params: Record<string, string>;
  locale: string;
}[] = [
  { name: 'HelpCenter.user.locale', path: '/hc/todo', params: { locale: 'de' }, locale: 'de' },
  {
    name: '<html lang> when the user has no locale',
    path: '/hc/ja/p/todo',
    params: { locale: 'none', lang: 'fr-FR' },
    locale: 'fr-fr',
  },
  {
    name: 'the /hc/<locale>/ path when the page has no lang either',
    path: '/hc/es-419/p/todo',
    params: { locale: 'none', lang: '' },
    locale: 'es-419',
  },
  {
    name: 'English when nothing says',
    path: '/hc/todo',
    params: { locale: 'none', lang: '' },
    locale: 'en',
  },
];

describe.each(MODES)('hand-off table in %s mode', { timeout: 60_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;
  const zendesk = new FakeZendeskClient(helpCenter);

  const pageUrl = (path: string, params: Record<string, string> = {}): string =>
    `${helpCenter}${path}?${new URLSearchParams({ mode, app, ...params })}`;

  /** A signed-in page whose widget is the probe; `fetches()` counts token requests. */
  async function probePage(
    user: number | 'anonymous',
    reply: TokenReply,
  ): Promise<{ page: Page; context: BrowserContext; valid: string; fetches: () => number }> {
    const context = await newContext(browser());
    const page = await context.newPage();
    await signIn(page, helpCenter, user);
    const valid = typeof user === 'number' ? await zendesk.userToken(user) : '';
    let fetches = 0;
    await context.route(
      (url) => url.origin === app && url.pathname === '/widget',
      (route) => {
        const opened = { method: route.request().method(), body: route.request().postData() };
        return route.fulfill({ contentType: 'text/html', body: probe(opened) });
      },
    );
    await context.route(`${helpCenter}${TOKEN_PATH}`, (route) => {
      fetches += 1;
      if (reply.kind === 'abort') return route.abort('failed');
      if (reply.kind === 'valid') return route.fulfill({ json: { token: valid } });
      return route.fulfill({
        status: reply.status,
        contentType: 'application/json',
        body: reply.body,
      });
    });
    return { page, context, valid, fetches: () => fetches };
  }

  /** The probe frame once the parent has opened it as `method` (a POST replaces a first GET). */
  async function openedFrame(page: Page, method: 'POST' | 'GET'): Promise<Frame> {
    const frame = await widgetFrame(page, app);
    await frame.waitForFunction(
      (m) => (window as unknown as { opened: Opened }).opened.method === m,
      method,
    );
    return frame;
  }

  const say = (frame: Frame, message: Record<string, unknown>): Promise<void> =>
    frame.evaluate((m) => (window as unknown as { say(m: unknown): void }).say(m), message);

  /** Says `ready` and returns what the parent answered: config, then a token or its error. */
  async function handshake(frame: Frame): Promise<[Received, Received]> {
    const before = await frame.evaluate(() => (window as unknown as { got: unknown[] }).got.length);
    await say(frame, { type: 'hc-todo:ready', v: 1 });
    await frame.waitForFunction(
      (n) => (window as unknown as { got: unknown[] }).got.length >= n + 2,
      before,
    );
    const got = await frame.evaluate(() => (window as unknown as { got: Received[] }).got);
    return [got[before]!, got[before + 1]!];
  }

  it.each(TOKEN_CASES)('token endpoint gives $name', async (c) => {
    const userId = freshUserId();
    const { page, context, valid, fetches } = await probePage(userId, c.reply);
    await page.goto(pageUrl('/hc/todo'));
    const frame = await openedFrame(page, c.opens);
    const opened = await frame.evaluate(() => (window as unknown as { opened: Opened }).opened);
    const token = c.expected.token === 'VALID' ? valid : c.expected.token;
    // The token travels in the POST body only: never in the frame's URL.
    if (c.opens === 'POST') expect(opened.body).toBe(`token=${String(token)}\r\n`);
    expect(frame.url()).not.toContain(String(token ?? valid));
    const [config, answer] = await handshake(frame);
    expect(config.origin).toBe(helpCenter);
    expect(config.data.type).toBe('hc-todo:config');
    const expected = c.expected.token === 'VALID' ? { ...c.expected, token: valid } : c.expected;
    expect(answer).toEqual({ origin: helpCenter, data: expected });
    // (The page starts a fetch on load; a failed one is not kept, so `ready` may fetch again.)
    const before = fetches();
    await handshake(frame);
    expect(fetches() - before).toBe(c.refetches);
    await context.close();
  });

  it('answers a token request with a fresh fetch, and never asks for an anonymous visitor', async () => {
    const signedIn = await probePage(freshUserId(), { kind: 'valid' });
    await signedIn.page.goto(pageUrl('/hc/todo'));
    const frame = await openedFrame(signedIn.page, 'POST');
    const [, first] = await handshake(frame);
    await say(frame, { type: 'hc-todo:token-request', v: 1 });
    await frame.waitForFunction(() => (window as unknown as { got: unknown[] }).got.length >= 3);
    expect(signedIn.fetches()).toBe(2);
    expect(first.data.type).toBe('hc-todo:token');
    await signedIn.context.close();

    const anonymous = await probePage('anonymous', { kind: 'valid' });
    await anonymous.page.goto(pageUrl('/hc/todo'));
    const [, answer] = await handshake(await openedFrame(anonymous.page, 'GET'));
    expect(answer.data).toEqual({ type: 'hc-todo:token-error', v: 1, code: 'anonymous' });
    expect(anonymous.fetches()).toBe(0);
    await anonymous.context.close();
  });

  it('sizes the iframe from resize messages: rounded up, capped, nonsense ignored', async () => {
    const { page, context } = await probePage(freshUserId(), { kind: 'valid' });
    await page.goto(pageUrl('/hc/todo'));
    const frame = await openedFrame(page, 'POST');
    await handshake(frame);
    const height = (): Promise<string> =>
      page.$eval('iframe', (iframe) => (iframe as HTMLIFrameElement).style.height);
    const heightBecomes = (value: string): Promise<unknown> =>
      page.waitForFunction((h) => document.querySelector('iframe')!.style.height === h, value);

    await say(frame, { type: 'hc-todo:resize', v: 1, height: 321.2 });
    await heightBecomes('322px');
    await say(frame, { type: 'hc-todo:resize', v: 1, height: 1e9 });
    await heightBecomes('100000px');
    for (const nonsense of [-5, 0, null, Number.NaN, { valueOf: 1 }]) {
      await say(frame, { type: 'hc-todo:resize', v: 1, height: nonsense });
    }
    await say(frame, { type: 'hc-todo:resize', v: 2, height: 500 });
    // Messages arrive in order: once the parent has answered this `ready`, it has handled the
    // ones before it.
    await handshake(frame);
    expect(await height()).toBe('100000px');
    await context.close();
  });

  /** Every request the page makes, from any frame, with its method and body. */
  function recordRequests(context: BrowserContext): { url: URL; method: string; body: string }[] {
    const seen: { url: URL; method: string; body: string }[] = [];
    context.on('request', (request) =>
      seen.push({
        url: new URL(request.url()),
        method: request.method(),
        body: request.postData() ?? '',
      }),
    );
    return seen;
  }

  it('is not fooled by elements that shadow what it looks up (DOM clobbering)', async () => {
    const { page, context, valid } = await probePage(freshUserId(), { kind: 'valid' });
    const requests = recordRequests(context);
    // An `<img name="currentScript">` and an `<img id="hc-todo-frame">`, both pointing at the
    // help center's own origin, come before the snippet.
    await page.goto(pageUrl('/hc/todo', { clobber: '1' }));
    expect(await page.$$eval('img[name="currentScript"], img#hc-todo-frame', (e) => e.length)).toBe(
      2,
    );
    const frame = await openedFrame(page, 'POST');
    const [, answer] = await handshake(frame);
    expect(answer.data).toEqual({ type: 'hc-todo:token', v: 1, token: valid });
    // The token went to the app, and nothing at all asked the help center for a widget.
    const carrying = requests.filter((r) => r.body.includes(valid) || r.url.href.includes(valid));
    expect(carrying.map((r) => `${r.method} ${r.url.origin}${r.url.pathname}`)).toEqual([
      `POST ${app}/widget`,
    ]);
    expect(requests.filter((r) => r.url.origin !== app && /widget/.test(r.url.pathname))).toEqual(
      [],
    );
    await context.close();
  });

  it('sends nothing anywhere from a snippet pasted unchanged, and says what to replace', async () => {
    const { page, context, fetches } = await probePage(freshUserId(), { kind: 'valid' });
    const requests = recordRequests(context);
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    // `load` waits for the async embed.js to fail (script mode) and the inline hand-off has run
    // during parsing (iframe mode): no token is asked for, and nothing but the page's own
    // requests and the placeholder's unresolvable GETs go out.
    await page.goto(pageUrl('/hc/todo', { placeholder: '1' }), { waitUntil: 'load' });
    expect(fetches()).toBe(0);
    const origins = new Set(requests.map((r) => r.url.origin));
    origins.delete(helpCenter);
    expect([...origins]).toEqual(['https://your-app.invalid']);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    if (mode === 'iframe') {
      expect(errors.filter((e) => e.startsWith('hc-todo:'))).toEqual([
        "hc-todo: https://your-app.invalid is a placeholder: put your deployment's URL instead",
      ]);
    }
    await context.close();
  });

  it.each(LOCALE_CASES)('takes the locale from $name', async (c) => {
    const { page, context } = await probePage(freshUserId(), { kind: 'valid' });
    await page.goto(pageUrl(c.path, c.params));
    const [config] = await handshake(await openedFrame(page, 'POST'));
    expect(config.data.locale).toBe(c.locale);
    await context.close();
  });
});
