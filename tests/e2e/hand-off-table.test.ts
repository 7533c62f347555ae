/**
 * One table of cases (tests/support/hand-off-cases.ts) held against both generated hand-offs, so
 * the two modes cannot drift apart. Iframe mode (the inline script of
 * theme-snippet/todo-list-iframe.hbs): a probe page stands in for /widget and records what the
 * parent posts (probe-widget.ts). Script mode (public/embed.js): the real widget in the page,
 * observed as a user and an attacker would — what it shows, and where the token goes. The parent
 * is the real snippet in the fake help center, talking to a token endpoint each case shapes.
 */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { addItem, freshUserId, widgetFrame, type EmbedMode } from '../../dev/browser';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { messagesFor } from '../../lib/widget/i18n';
import { useBrowser } from '../support/browser-hooks';
import { LOCALE_CASES, TOKEN_CASES, UNDECODABLE, type TokenReply } from '../support/hand-off-cases';
import { carrying, openInPage, recordRequests, type InPage } from '../support/in-page-hand-off';
import { handshake, openedFrame, probePage, say, type Opened } from '../support/probe-widget';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];

/** The browser, the system and the fake help center's page URLs, for one describe block. */
function useHelpCenter(mode: EmbedMode): {
  browser: ReturnType<typeof useBrowser>;
  helpCenter: string;
  app: string;
  zendesk: FakeZendeskClient;
  pageUrl: (path: string, params?: Record<string, string>) => string;
} {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;
  const pageUrl = (path: string, params: Record<string, string> = {}): string =>
    `${helpCenter}${path}?${new URLSearchParams({ mode, app, ...params })}`;
  return { browser, helpCenter, app, zendesk: new FakeZendeskClient(helpCenter), pageUrl };
}

describe.each(MODES)('hand-off table, in either mode: %s', { timeout: 60_000 }, (mode) => {
  const { browser, helpCenter, app, zendesk, pageUrl } = useHelpCenter(mode);

  it('sends nothing anywhere from a snippet pasted unchanged, and says what to replace', async () => {
    const { page, context, fetches } = await probePage(browser(), zendesk, app, freshUserId(), {
      kind: 'valid',
    });
    const requests = recordRequests(context);
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    // `load` waits for the async embed.js to fail (script mode) and the inline hand-off has run
    // during parsing (iframe mode): no token is asked for, and nothing but the page's own
    // requests and the placeholder's unresolvable GETs go out.
    await page.goto(pageUrl('/hc/todo', { placeholder: '1' }), { waitUntil: 'load' });
    expect(fetches()).toBe(0);
    const origins = new Set(requests.map((r) => new URL(r.url()).origin));
    origins.delete(helpCenter);
    expect([...origins]).toEqual(['https://your-app.invalid']);
    expect(requests.filter((r) => r.method() !== 'GET')).toEqual([]);
    if (mode === 'iframe') {
      expect(errors.filter((e) => e.startsWith('hc-todo:'))).toEqual([
        "hc-todo: https://your-app.invalid is a placeholder: put your deployment's URL instead",
      ]);
    }
    await context.close();
  });
});

describe('hand-off table in iframe mode', { timeout: 60_000 }, () => {
  const { browser, helpCenter, app, zendesk, pageUrl } = useHelpCenter('iframe');
  const open = (user: number | 'anonymous', reply: TokenReply): ReturnType<typeof probePage> =>
    probePage(browser(), zendesk, app, user, reply);

  it.each(TOKEN_CASES)('token endpoint gives $name', async ({ reply, frame: c }) => {
    const { page, context, valid, fetches } = await open(freshUserId(), reply);
    await page.goto(pageUrl('/hc/todo'));
    const frame = await openedFrame(page, app, c.opens);
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
    const signedIn = await open(freshUserId(), { kind: 'valid' });
    await signedIn.page.goto(pageUrl('/hc/todo'));
    const frame = await openedFrame(signedIn.page, app, 'POST');
    const [, first] = await handshake(frame);
    await say(frame, { type: 'hc-todo:token-request', v: 1 });
    await frame.waitForFunction(() => (window as unknown as { got: unknown[] }).got.length >= 3);
    expect(signedIn.fetches()).toBe(2);
    expect(first.data.type).toBe('hc-todo:token');
    await signedIn.context.close();

    const anonymous = await open('anonymous', { kind: 'valid' });
    await anonymous.page.goto(pageUrl('/hc/todo'));
    const [, answer] = await handshake(await openedFrame(anonymous.page, app, 'GET'));
    expect(answer.data).toEqual({ type: 'hc-todo:token-error', v: 1, code: 'anonymous' });
    expect(anonymous.fetches()).toBe(0);
    await anonymous.context.close();
  });

  it('sizes the iframe from resize messages: rounded up, capped, nonsense ignored', async () => {
    const { page, context } = await open(freshUserId(), { kind: 'valid' });
    await page.goto(pageUrl('/hc/todo'));
    const frame = await openedFrame(page, app, 'POST');
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

  it('is not fooled by elements that shadow what it looks up (DOM clobbering)', async () => {
    const { page, context, valid } = await open(freshUserId(), { kind: 'valid' });
    const requests = recordRequests(context);
    // An `<img name="currentScript">` and an `<img id="hc-todo-frame">`, both pointing at the
    // help center's own origin, come before the snippet.
    await page.goto(pageUrl('/hc/todo', { clobber: '1' }));
    expect(await page.$$eval('img[name="currentScript"], img#hc-todo-frame', (e) => e.length)).toBe(
      2,
    );
    const frame = await openedFrame(page, app, 'POST');
    const [, answer] = await handshake(frame);
    expect(answer.data).toEqual({ type: 'hc-todo:token', v: 1, token: valid });
    // The token went to the app, and nothing at all asked the help center for a widget.
    const carrying = requests.filter(
      (r) => (r.postData() ?? '').includes(valid) || r.url().includes(valid),
    );
    const sent = carrying.map(
      (r) => `${r.method()} ${new URL(r.url()).origin}${new URL(r.url()).pathname}`,
    );
    expect(sent).toEqual([`POST ${app}/widget`]);
    const elsewhere = requests.map((r) => new URL(r.url())).filter((u) => u.origin !== app);
    expect(elsewhere.filter((u) => /widget/.test(u.pathname))).toEqual([]);
    await context.close();
  });

  it.each(LOCALE_CASES)('takes the locale from $name', async (c) => {
    const { page, context } = await open(freshUserId(), { kind: 'valid' });
    await page.goto(pageUrl(c.path, c.params));
    const [config] = await handshake(await openedFrame(page, app, 'POST'));
    expect(config.data.locale).toBe(c.locale);
    await context.close();
  });
});

describe('hand-off table in script mode', { timeout: 60_000 }, () => {
  const { browser, app, zendesk, pageUrl } = useHelpCenter('script');

  const open = (user: number | 'anonymous', first: TokenReply): Promise<InPage> =>
    openInPage(browser(), zendesk, user, first);

  it.each(TOKEN_CASES)('token endpoint gives $name', async ({ reply, page: c }) => {
    const { page, valid, fetches, requests } = await open(freshUserId(), reply);
    await page.goto(pageUrl('/hc/todo'));
    const frame = await widgetFrame(page, app);
    const api = (): Request[] => requests.filter((r) => r.url().startsWith(`${app}/api/`));
    if (c.shows === 'unavailable') {
      await frame.waitForSelector('#hct-view [role="alert"]:has-text("Guide Enterprise")');
      // Nothing to try again, and nothing to type into.
      expect(await frame.$$('#hct-view button, #hct-new')).toEqual([]);
    } else if (c.shows === 'failed') {
      await frame.waitForSelector('#hct-view [role="alert"]:has-text("couldn’t be confirmed")');
      await page.waitForLoadState('networkidle');
      // No token, so no API call; and the failure is not asked again behind the user's back.
      expect([fetches(), api().length]).toEqual([1, 0]);
      // "Try again" fetches a fresh token (the endpoint gives a valid one by now).
      await frame.click('#hct-view button:text("Try again")');
    }
    if (c.shows !== 'unavailable') {
      await frame.waitForSelector('#hct-new');
      await addItem(frame, 'Saved'); // the cached token serves it
    }
    await page.waitForLoadState('networkidle');
    expect(fetches()).toBe(c.tokenRequests);
    const tokenName = (r: Request): string =>
      r.headers().authorization === `Bearer ${UNDECODABLE}` ? 'undecodable' : 'valid';
    const calls = await Promise.all(
      api().map(
        async (r) =>
          `${r.method()} ${new URL(r.url()).pathname} ${(await r.response())?.status()} ${tokenName(r)}`,
      ),
    );
    expect(calls).toEqual([
      ...(c.refused ? ['GET /api/todo_items 401 undecodable'] : []),
      ...(c.shows === 'unavailable'
        ? []
        : ['GET /api/todo_items 200 valid', 'POST /api/todo_items 201 valid']),
    ]);
    expect(carrying(requests, valid, app)).toHaveLength(c.shows === 'unavailable' ? 0 : 2);
    expect(carrying(requests, UNDECODABLE, app)).toHaveLength(c.refused ? 1 : 0);
    await page.context().close();
  });

  it('never asks for an anonymous visitor’s token: the sign-in message instead', async () => {
    const { page, fetches, requests } = await open('anonymous', { kind: 'valid' });
    await page.goto(pageUrl('/hc/todo'));
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('#hct-view >> text=Sign in to see your to-do list.');
    // A token request would be in flight or done once the page's network is quiet.
    await page.waitForLoadState('networkidle');
    expect(fetches()).toBe(0);
    expect(requests.filter((r) => r.url().startsWith(`${app}/api/`))).toEqual([]);
    await page.context().close();
  });

  it('is not fooled by elements that shadow what it looks up (DOM clobbering)', async () => {
    const { page, valid, requests } = await open(freshUserId(), { kind: 'valid' });
    // An `<img name="currentScript">` and an `<img id="hc-todo-frame">`, both pointing at the
    // help center's own origin, come before the snippet: taken for the loader's own tag, the
    // help center would be asked for the module and sent the token.
    await page.goto(pageUrl('/hc/todo', { clobber: '1' }));
    expect(await page.$$eval('img[name="currentScript"], img#hc-todo-frame', (e) => e.length)).toBe(
      2,
    );
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('#hc-todo #hct-new');
    await page.waitForLoadState('networkidle');
    const sent = carrying(requests, valid, app).map((r) => `${r.method()} ${r.url()}`);
    expect(sent).toEqual([`GET ${app}/api/todo_items`]);
    const modules = requests.filter((r) => new URL(r.url()).pathname === '/embed/widget.js');
    expect(modules.map((r) => new URL(r.url()).origin)).toEqual([app]);
    await page.context().close();
  });

  it.each(LOCALE_CASES)('takes the locale from $name', async (c) => {
    const { page } = await open(freshUserId(), { kind: 'valid' });
    await page.goto(pageUrl(c.path, c.params));
    const frame = await widgetFrame(page, app);
    expect(await frame.getAttribute('#hct-view', 'lang')).toBe(c.language);
    expect(await frame.textContent('#hct-view-title')).toBe(messagesFor(c.language).title);
    await page.context().close();
  });
});
