/**
 * The token hand-off as a user and an attacker observe it: anonymous visitors never cause a token
 * request; one token serves many actions; an expired token is replaced without a visible error;
 * token endpoint failures are explained; the token never appears in a URL or in web storage.
 * Script mode's widget is in the help center page itself (a shadow root in #hc-todo), so its
 * elements are looked for inside #hct-view: the page has a "Sign in" link of its own.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';

import {
  addItem,
  alertText,
  announced,
  freshUserId,
  itemTexts,
  openTodoPage,
  todoPageUrl,
  widgetFrame,
  type EmbedMode,
  signedInPage,
} from '../../dev/browser';
import { addItems as addItemsByApi } from '../support/api';
import { useBrowser } from '../support/browser-hooks';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];
const TOKEN_PATH = '/api/v2/help_center/integration/token';

describe.each(MODES)('token hand-off in %s mode', { timeout: 60_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;
  const zendesk = new FakeZendeskClient(helpCenter);

  afterEach(async () => {
    await zendesk.setTokenEndpoint('ok', 300);
  });

  const newPage = (user: number | 'anonymous'): Promise<Page> =>
    signedInPage(browser(), helpCenter, user);

  it('shows anonymous visitors a sign-in message and never requests a token', async () => {
    const page = await newPage('anonymous');
    await zendesk.resetCounts();
    await page.goto(todoPageUrl(helpCenter, app, mode));
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('#hct-view >> text=Sign in to see your to-do list.');
    // The help center's own sign-in page, back to this very page: absolute, as the link is
    // followed from the widget's document (the iframe's) or the page's (script mode).
    const href = await frame.getAttribute('#hct-view a:text("Sign in")', 'href');
    expect(href).toBe(`${helpCenter}/hc/signin?return_to=${encodeURIComponent(page.url())}`);
    // A token request would be in flight or done once the page's network is quiet.
    await page.waitForLoadState('networkidle');
    expect((await zendesk.counts()).token).toBe(0);
    expect(await frame.$('#hct-new')).toBeNull();
    await page.context().close();
  });

  it('makes at most one token request across ten actions, and never exposes the token', async () => {
    const page = await newPage(freshUserId());
    const urls: string[] = [];
    page.context().on('request', (request) => urls.push(request.url()));
    await zendesk.resetCounts();
    const frame = await openTodoPage(page, helpCenter, app, mode);
    for (const value of ['a1', 'a2', 'a3', 'a4', 'a5']) await addItem(frame, value); // 5
    for (const value of ['a1', 'a2', 'a3']) {
      await frame.check(`li:has(label:text-is("${value}")) input`);
      await announced(frame, `Marked “${value}” as done.`);
    } // 8
    await frame.click('button[aria-label="Delete “a4”"]');
    await announced(frame, 'Deleted “a4”.');
    await frame.click('button:text("Clear completed (3)")');
    await announced(frame, 'Cleared 3 completed items.'); // 10
    expect(await itemTexts(frame)).toEqual(['a5']);
    expect((await zendesk.counts()).token).toBeLessThanOrEqual(1);

    // A JWT starts with base64url of '{"' — "eyJ". None may travel in a URL or sit in storage.
    expect(urls.filter((url) => url.includes('eyJ'))).toEqual([]);
    for (const target of [page.mainFrame(), frame]) {
      // A third-party frame may be denied storage altogether, which also means nothing is in it.
      const stored = await target.evaluate(() => {
        try {
          return localStorage.length + sessionStorage.length;
        } catch {
          return 0;
        }
      });
      expect(stored).toBe(0);
    }
    await page.context().close();
  });

  // How the first token goes wrong, and whether the API gets to refuse it (401) before the
  // widget replaces it. In the iframe, a token already expired is replaced up front; one that
  // only the server can tell is bad (a slow client clock, an unpublished key) is refused once,
  // then replaced. In script mode the loader sends its first list request with whatever token
  // the help center gave, before the widget has loaded: the API is the judge, so every bad first
  // token is refused exactly once. What the user sees is the same in both: their items and no
  // error, and the help center asked for exactly one more token.
  const BAD_FIRST_TOKENS = [
    {
      name: 'an expired token',
      claims: { exp: -120 },
      foreignKey: false,
      skewMs: 0,
      refused: false,
    },
    {
      name: 'an expired token with a slow client clock',
      claims: { exp: -120 },
      foreignKey: false,
      skewMs: -600_000,
      refused: true,
    },
    {
      name: 'a token signed by an unknown key',
      claims: {},
      foreignKey: true,
      skewMs: 0,
      refused: true,
    },
  ];

  it.each(BAD_FIRST_TOKENS)('replaces $name without a visible error', async (bad) => {
    const userId = freshUserId();
    await addItemsByApi(app, await zendesk.userToken(userId), ['Existing']);
    const page = await newPage(userId);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      userId,
      email: 'x@example.com',
      externalId: '',
      origin: helpCenter,
      exp: now + 300,
    };
    if (bad.claims.exp !== undefined) claims.exp = now + bad.claims.exp;
    const first = await zendesk.sign(claims, { foreignKey: bad.foreignKey });
    if (bad.skewMs) await page.clock.setSystemTime(Date.now() + bad.skewMs);
    let served = 0;
    await page.context().route(`${helpCenter}${TOKEN_PATH}`, async (route) => {
      served += 1;
      if (served === 1) await route.fulfill({ json: { token: first } });
      else await route.continue();
    });
    const statuses: number[] = [];
    page.context().on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/todo_items')) {
        statuses.push(response.status());
      }
    });
    const frame = await openTodoPage(page, helpCenter, app, mode);
    expect(await itemTexts(frame)).toEqual(['Existing']);
    await addItem(frame, 'After refresh');
    expect(await alertText(frame)).toBe('');
    // Only the first token is refused, once: no request goes out with a token known to be bad.
    expect(statuses[0]).toBe(bad.refused || mode === 'script' ? 401 : 200);
    expect(statuses.slice(1).filter((status) => status >= 300)).toEqual([]);
    expect(served).toBe(2);
    await page.context().close();
  });

  it('explains a help center without the token feature (404)', async () => {
    const page = await newPage(freshUserId());
    await zendesk.setTokenEndpoint('not_found');
    await page.goto(todoPageUrl(helpCenter, app, mode));
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('#hct-view [role="alert"]:has-text("Guide Enterprise")');
    expect(await frame.$('#hct-new')).toBeNull();
    await page.context().close();
  });

  it('reports a failing token endpoint and recovers on "Try again"', async () => {
    const page = await newPage(freshUserId());
    await zendesk.setTokenEndpoint('error');
    await page.goto(todoPageUrl(helpCenter, app, mode));
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('#hct-view [role="alert"]:has-text("couldn’t be confirmed")');
    await zendesk.setTokenEndpoint('ok');
    await frame.click('#hct-view button:text("Try again")');
    await frame.waitForSelector('#hct-new');
    await addItem(frame, 'Recovered');
    await page.context().close();
  });
});
