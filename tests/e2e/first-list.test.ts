/**
 * The first list, as the browser sees it. In the iframe, the help center opens the widget with
 * one POST whose answer already holds the user's items, so showing them needs no API call; the
 * token travels once, in a body, never in a URL; and reloading the frame (a plain GET) still
 * shows the list. In script mode the widget is in the help center page: the loader asks for the
 * token and, as soon as it has it, for the list, once each, while the widget's module loads; a
 * later page view skips the CORS preflight. In both, the controls wake up once the JavaScript is
 * there, and a signed-out visitor is opened without a POST.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  freshUserId,
  itemTexts,
  openTodoPage,
  signedInPage,
  todoPageUrl,
  WIDGET_IFRAME,
  widgetFrame,
  type EmbedMode,
} from '../../dev/browser';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { addItems as addItemsByApi } from '../support/api';
import { useBrowser } from '../support/browser-hooks';
import { startCountingProxy } from '../support/counting-proxy';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];
const TOKEN_PATH = '/api/v2/help_center/integration/token';

/** What every suite below uses: its browser, the system, and a user who already has items. */
function useSuite(): {
  browser: () => Browser;
  helpCenter: string;
  app: string;
  userWithItems: (values: string[]) => Promise<number>;
} {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;
  const zendesk = new FakeZendeskClient(helpCenter);
  const userWithItems = async (values: string[]): Promise<number> => {
    const userId = freshUserId();
    await addItemsByApi(app, await zendesk.userToken(userId), values);
    return userId;
  };
  return { browser, helpCenter, app, userWithItems };
}

describe.each(MODES)('first list, in either mode: %s', { timeout: 60_000 }, (mode) => {
  const { browser, helpCenter, app, userWithItems } = useSuite();

  it('turns interactive once hydrated: an add made right away is saved', async () => {
    const page = await signedInPage(browser(), helpCenter, await userWithItems(['Existing']));
    const frame = await openTodoPage(page, helpCenter, app, mode);
    await addItem(frame, 'Added at once');
    expect(await itemTexts(frame)).toEqual(['Existing', 'Added at once']);
    await page.context().close();
  });

  it('shows a signed-out visitor the sign-in message, opened without a POST', async () => {
    const page = await signedInPage(browser(), helpCenter, 'anonymous');
    const posts: string[] = [];
    page.context().on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.goto(todoPageUrl(helpCenter, app, mode));
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('text=Sign in to see your to-do list.');
    expect(posts).toEqual([]);
    await page.context().close();
  });
});

describe('first list in iframe mode, opened by a POST', { timeout: 60_000 }, () => {
  const mode: EmbedMode = 'iframe';
  const { browser, helpCenter, app, userWithItems } = useSuite();

  it('arrives in the widget’s HTML: one POST, the token in its body, no API call to show it', async () => {
    const values = ['Renew the certificate', 'Call <Ana> & co'];
    const page = await signedInPage(browser(), helpCenter, await userWithItems(values));
    const requests: Request[] = [];
    page.context().on('request', (request) => requests.push(request));
    const widgetHtml: string[] = [];
    page.context().on('response', (response) => {
      const url = new URL(response.url());
      if (
        url.origin === app &&
        url.pathname === '/widget' &&
        response.request().method() === 'POST'
      ) {
        void response.text().then((html) => widgetHtml.push(html));
      }
    });

    const frame = await openTodoPage(page, helpCenter, app, mode);
    expect(await itemTexts(frame)).toEqual(values);
    await page.waitForLoadState('networkidle');

    const posts = requests.filter((r) => r.method() === 'POST' && r.url().startsWith(app));
    expect(posts.map((r) => new URL(r.url()).pathname)).toEqual(['/widget']);
    // The frame waits for nothing but the token: no staging page loads before the
    // POST — only the loader (script mode) or the snippet's own GET, cut short (iframe mode).
    const before = requests.slice(0, requests.indexOf(posts[0]!));
    const appPaths = before
      .filter((r) => r.url().startsWith(app))
      .map((r) => new URL(r.url()).pathname);
    expect(appPaths.every((p) => p === '/embed.js' || p === '/widget')).toBe(true);
    const tokens = requests.filter((r) => r.url() === `${helpCenter}${TOKEN_PATH}`);
    expect(tokens).toHaveLength(1);
    const token = (await (await tokens[0]!.response())!.json()) as { token: string };
    expect(posts[0]!.postData()).toBe(`token=${token.token}\r\n`);
    expect(requests.filter((r) => r.url().includes(token.token))).toEqual([]);
    // The items were in the answer to that POST, as text; the list was not fetched again.
    expect(widgetHtml.join('')).toContain('Call &lt;Ana&gt; &amp; co');
    expect(requests.filter((r) => new URL(r.url()).pathname === '/api/todo_items')).toEqual([]);
    await page.context().close();
  });

  it('is sized to show the list before any of the widget’s scripts has run', async () => {
    // Issue #16: the list was in the frame's HTML but clipped below the frame's first 160 px (now
    // 224) until React hydrated and asked for a resize. With the widget's scripts never arriving,
    // the frame must still grow to show every server-rendered item.
    const values = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
    const page = await signedInPage(browser(), helpCenter, await userWithItems(values));
    await page.context().route(`${app}/_next/static/**/*.js`, (route) => route.abort());
    await page.goto(todoPageUrl(helpCenter, app, mode));
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('li label');
    const iframe = page.locator(WIDGET_IFRAME);
    await expect
      .poll(async () => {
        const frameBox = await iframe.boundingBox();
        const last = await frame.locator('li').last().boundingBox();
        // The last item's box is on the page's coordinates: inside the frame's box when shown.
        return !!frameBox && !!last && last.y + last.height <= frameBox.y + frameBox.height;
      })
      .toBe(true);
    expect(await frame.evaluate(() => '__hcTodoSized' in window)).toBe(false);
    await page.context().close();
  });

  it('keeps working when the frame itself is reloaded', async () => {
    const values = ['Survives a reload'];
    const page = await signedInPage(browser(), helpCenter, await userWithItems(values));
    const frame = await openTodoPage(page, helpCenter, app, mode);
    await addItem(frame, 'Second');
    const methods: string[] = [];
    page.context().on('request', (r) => {
      if (new URL(r.url()).pathname === '/widget') methods.push(r.method());
    });
    await frame.evaluate(() => location.reload());
    const reloaded = await widgetFrame(page, app);
    await reloaded.waitForFunction(() => document.querySelectorAll('li label').length === 2);
    await reloaded.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    expect(await itemTexts(reloaded)).toEqual([...values, 'Second']);
    // A reload asks again with GET: the token is not re-sent from the browser's history.
    expect(methods).toEqual(['GET']);
    await page.context().close();
  });

  it('falls back to the plain widget when the help center’s CSP forbids posting forms to it', async () => {
    const values = ['Shown anyway'];
    const page = await signedInPage(browser(), helpCenter, await userWithItems(values));
    const posts: string[] = [];
    page.context().on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/widget') posts.push(r.url());
    });
    const frame = await openTodoPage(page, helpCenter, app, mode, { formaction: 'self' });
    expect(await itemTexts(frame)).toEqual(values);
    expect(posts).toEqual([]);
    await page.context().close();
  });
});

describe('first list in script mode, in the page', { timeout: 60_000 }, () => {
  const mode: EmbedMode = 'script';
  const { browser, helpCenter, app, userWithItems } = useSuite();

  /** Every request the page makes from now on, as `<origin name><path>`, and the requests. */
  function recordRequests(page: Page): { seen: Request[]; named: () => string[] } {
    const seen: Request[] = [];
    page.context().on('request', (request) => seen.push(request));
    const name = (origin: string): string =>
      origin === app ? 'app ' : origin === helpCenter ? 'help center ' : origin;
    return {
      seen,
      named: () =>
        seen.map((r) => new URL(r.url())).map((url) => `${name(url.origin)}${url.pathname}`),
    };
  }

  it('arrives with one token request and one list request, the token in its header', async () => {
    const values = ['Renew the certificate', 'Call <Ana> & co'];
    const page = await signedInPage(browser(), helpCenter, await userWithItems(values));
    const { seen, named } = recordRequests(page);
    const frame = await openTodoPage(page, helpCenter, app, mode);
    expect(await itemTexts(frame)).toEqual(values);
    await page.waitForLoadState('networkidle');
    // Nothing else was asked for to show them: no frame, no second list, no token refresh.
    expect(named().sort()).toEqual(
      [
        'help center /hc/todo',
        'app /embed.js',
        `help center ${TOKEN_PATH}`,
        'app /embed/widget.js',
        'app /api/todo_items',
      ].sort(),
    );
    const token = seen.find((r) => r.url() === `${helpCenter}${TOKEN_PATH}`)!;
    const { token: value } = (await (await token.response())!.json()) as { token: string };
    const list = seen.find((r) => r.url() === `${app}/api/todo_items`)!;
    expect([list.method(), list.headers().authorization]).toEqual(['GET', `Bearer ${value}`]);
    expect(seen.filter((r) => r.url().includes(value) || r.postData()?.includes(value))).toEqual(
      [],
    );
    await page.context().close();
  });

  it('shows the list again when the page is reloaded, asking for it once', async () => {
    const page = await signedInPage(browser(), helpCenter, await userWithItems(['Survives']));
    const frame = await openTodoPage(page, helpCenter, app, mode);
    await addItem(frame, 'Second');
    const { named } = recordRequests(page);
    await page.reload();
    const reloaded = await widgetFrame(page, app);
    await reloaded.waitForSelector('#hct-view li label');
    expect(await itemTexts(reloaded)).toEqual(['Survives', 'Second']);
    await page.waitForLoadState('networkidle');
    const asked = named().filter((r) => r.endsWith(TOKEN_PATH) || r.includes('/api/'));
    expect(asked).toEqual([`help center ${TOKEN_PATH}`, 'app /api/todo_items']);
    await page.context().close();
  });

  it('skips the CORS preflight on a later page view (Access-Control-Max-Age)', async () => {
    // The list request carries Authorization, so the browser asks the app first (OPTIONS), and
    // may keep the answer for its max-age. Preflights are not request events: counted by a proxy
    // in front of the app, which then serves the snippet's script, module and API.
    const proxy = await startCountingProxy(app);
    try {
      const page = await signedInPage(browser(), helpCenter, await userWithItems(['Warm']));
      const preflights = (): number => proxy.count('OPTIONS', '/api/todo_items');
      const lists = (): number => proxy.count('GET', '/api/todo_items');
      for (const visit of [1, 2]) {
        const frame = await openTodoPage(page, helpCenter, proxy.url, mode);
        expect(await itemTexts(frame)).toEqual(['Warm']);
        expect(lists()).toBe(visit);
      }
      // The cold view needed one (the proxy does see them), the warm one none.
      expect(preflights()).toBe(1);
      await page.context().close();
    } finally {
      await proxy.close();
    }
  });

  it('shows the list in a help center whose CSP forbids posting forms elsewhere', async () => {
    const values = ['Shown anyway'];
    const page = await signedInPage(browser(), helpCenter, await userWithItems(values));
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { violations: string[] }).violations = violations;
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(e.violatedDirective),
      );
    });
    const frame = await openTodoPage(page, helpCenter, app, mode, { formaction: 'self' });
    expect(await itemTexts(frame)).toEqual(values);
    const violations = await page.evaluate(
      () => (window as unknown as { violations: string[] }).violations,
    );
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
