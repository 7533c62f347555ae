/**
 * public/embed.js as a help center receives it: small, cacheable, harmless to include twice, and
 * never mistaking another vendor's `…/embed.js` for itself. It mounts the widget in the help
 * center page, in #hc-todo's shadow root: Playwright's selectors reach into it, and what is
 * read there (styles, elements) is the widget's own.
 */
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import type { Frame, Page, Request } from 'playwright-core';

import {
  freshUserId,
  newContext,
  openTodoPage,
  signedInPage,
  signIn,
  todoPageUrl,
  widgetFrame,
} from '../../dev/browser';
import { readSnippet } from '../../lib/preview/help-center-page';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

const TOKEN_PATH = '/api/v2/help_center/integration/token';

describe('embed.js', { timeout: 60_000 }, () => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  /** A custom page of the fake help center around the script-mode snippet, changed by `edit`. */
  async function pastedPage(edit: (snippet: string) => string): Promise<string> {
    const snippet = edit(await readSnippet('script', app));
    const res = await fetch(`${helpCenter}/hc/pages`, { method: 'POST', body: snippet });
    return `${helpCenter}${((await res.json()) as { path: string }).path}`;
  }
  /** The snippet with `attributes` on its script tag, as an admin sets the options. */
  const withOptions =
    (attributes: string) =>
    (snippet: string): string =>
      snippet.replace(/<script /, `<script ${attributes} `);

  /** Paths of the requests `page` makes to `origin` from now on. */
  function pathsTo(page: Page, origin: string): string[] {
    const paths: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin) paths.push(url.pathname);
    });
    return paths;
  }

  it('is at most 3 KiB gzipped, JavaScript, and cached briefly', async () => {
    const response = await fetch(`${app}/embed.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toMatch(/max-age=[1-9]/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(gzipSync(body, { level: 9 }).length).toBeLessThanOrEqual(3 * 1024);
  });

  it('applies the brand colour and font its tag passes, and only valid ones', async () => {
    const page = await signedInPage(browser(), helpCenter, freshUserId());
    const elsewhere: string[] = [];
    page.on(
      'request',
      (r) => void (r.url().includes('attacker.example') && elsewhere.push(r.url())),
    );
    // Computed inside the shadow root: the widget's own stylesheet and brand properties.
    const addButton = (frame: Frame): Promise<string[]> =>
      frame.$eval('#hct-view button[type="submit"]', (button) => {
        const style = getComputedStyle(button);
        return [style.backgroundColor, style.color, style.fontFamily];
      });
    const open = async (url: string): Promise<Frame> => {
      await page.goto(url);
      const frame = await widgetFrame(page, app);
      await frame.waitForSelector('#hct-new');
      return frame;
    };

    expect(await addButton(await openTodoPage(page, helpCenter, app, 'script'))).toEqual([
      'rgb(23, 73, 77)', // Copenhagen's brand colour by default
      'rgb(255, 255, 255)',
      expect.stringContaining('-apple-system'),
    ]);
    const branded = await open(
      await pastedPage(withOptions('data-accent="#ffe066" data-font="Georgia, serif"')),
    );
    // A light brand colour gets dark text, so the button stays readable.
    expect(await addButton(branded)).toEqual([
      'rgb(255, 224, 102)',
      'rgb(47, 57, 65)',
      'Georgia, serif',
    ]);
    const hostile = await open(
      await pastedPage(
        withOptions('data-accent="url(https://attacker.example/x)" data-font="x; background: red"'),
      ),
    );
    expect(await addButton(hostile)).toEqual([
      'rgb(23, 73, 77)',
      'rgb(255, 255, 255)',
      expect.stringContaining('-apple-system'),
    ]);
    expect(elsewhere).toEqual([]);
    await page.context().close();
  });

  it('mounts one widget, and asks for one token and one list, when included twice', async () => {
    const page = await signedInPage(browser(), helpCenter, freshUserId());
    const appPaths = pathsTo(page, app);
    const helpCenterPaths = pathsTo(page, helpCenter);
    // A theme that carries the snippet's tag twice (the second copy under another URL, so the
    // browser cannot merge the two): `load` waits for both async copies to have run.
    await page.goto(
      await pastedPage((snippet) =>
        snippet.replace(
          /<script[^>]*><\/script>/,
          (tag) => `${tag}\n${tag.replace('/embed.js"', '/embed.js?again"')}`,
        ),
      ),
    );
    const frame = await widgetFrame(page, app);
    await frame.waitForSelector('#hct-new');
    await page.waitForLoadState('networkidle');
    expect(appPaths.filter((p) => p === '/embed.js')).toHaveLength(2);
    expect(await page.$$('#hct-view')).toHaveLength(1);
    const shadowRoots = await page.evaluate(
      () => [...document.querySelectorAll('*')].filter((e) => e.shadowRoot).length,
    );
    expect(shadowRoots).toBe(1);
    // The second copy stopped before asking for anything.
    expect(helpCenterPaths.filter((p) => p === TOKEN_PATH)).toHaveLength(1);
    expect(appPaths.filter((p) => p === '/embed/widget.js')).toHaveLength(1);
    expect(appPaths.filter((p) => p === '/api/todo_items')).toHaveLength(1);
    await page.context().close();
  });

  // Where `document.currentScript` is unavailable (script rewriters such as Rocket Loader, tag
  // managers that eval), a `script[src$="/embed.js"]` guess would take the first such tag —
  // here another vendor's, on the help center's origin, which would then be asked for the
  // widget's module and sent the user's token.
  describe('without document.currentScript, next to another vendor’s embed.js', () => {
    async function openWith(params: Record<string, string>): Promise<{
      page: Page;
      errors: string[];
      requests: Request[];
      tokenFetches: () => number;
    }> {
      const context = await newContext(browser());
      const page = await context.newPage();
      await signIn(page, helpCenter, freshUserId());
      // On Document.prototype: the loader reads the browser's getter, not `document`'s own property.
      await page.addInitScript(() => {
        Object.defineProperty(Document.prototype, 'currentScript', { get: () => null });
      });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      const requests: Request[] = [];
      page.on('request', (request) => requests.push(request));
      const tokenFetches = (): number =>
        requests.filter((r) => r.url().includes(TOKEN_PATH)).length;
      // page.goto waits for `load`, which waits for the async loader to have run.
      await page.goto(todoPageUrl(helpCenter, app, 'script', { vendor: '1', ...params }));
      expect(await page.evaluate(() => 'vendorRan' in window)).toBe(true);
      return { page, errors, requests, tokenFetches };
    }

    it('fails closed, with a console error, when its tag is not marked', async () => {
      const { page, errors, requests, tokenFetches } = await openWith({ unmarked: '1' });
      expect(await page.$$eval('script[data-hc-todo-embed]', (s) => s.length)).toBe(0);
      expect(errors.filter((e) => e.includes('hc-todo'))).toEqual([
        'hc-todo: embed.js cannot find its own <script> tag; add data-hc-todo-embed',
      ]);
      await page.waitForLoadState('networkidle');
      expect(await page.$$('#hct-view')).toHaveLength(0);
      expect(await page.$eval('#hc-todo', (host) => host.shadowRoot)).toBeNull();
      // Nothing after the loader itself: no module, no token, no API call anywhere.
      const after = requests.map((r) => new URL(r.url())).filter((u) => u.pathname !== '/hc/todo');
      expect(after.map((u) => u.pathname).sort()).toEqual(['/embed.js', '/hc/vendor/embed.js']);
      expect(tokenFetches()).toBe(0);
      await page.context().close();
    });

    it('finds its own tag by the snippet’s marker and loads only from its own origin', async () => {
      const { page, errors, requests } = await openWith({});
      const frame = await widgetFrame(page, app);
      await frame.waitForSelector('#hct-new');
      await page.waitForLoadState('networkidle');
      const to = (path: string): string[] =>
        requests
          .map((r) => new URL(r.url()))
          .filter((u) => u.pathname === path)
          .map((u) => u.origin);
      expect(to('/embed/widget.js')).toEqual([app]);
      expect(to('/api/todo_items')).toEqual([app]);
      // The token travelled once, to the app's API, in the Authorization header.
      const carrying = requests.filter((r) => /^Bearer ey/.test(r.headers().authorization ?? ''));
      expect(carrying.map((r) => `${r.method()} ${r.url()}`)).toEqual([
        `GET ${app}/api/todo_items`,
      ]);
      expect(await page.$$('iframe')).toHaveLength(0);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  });
});
