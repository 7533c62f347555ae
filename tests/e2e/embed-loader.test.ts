/**
 * public/embed.js as a help center receives it: small, cacheable, harmless to include twice, and
 * never mistaking another vendor's `…/embed.js` for itself.
 */
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import type { Page } from 'playwright-core';

import {
  freshUserId,
  newContext,
  openTodoPage,
  signIn,
  todoPageUrl,
  widgetFrame,
} from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

describe('embed.js', { timeout: 60_000 }, () => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  it('is at most 3 KiB gzipped, JavaScript, and cached briefly', async () => {
    const response = await fetch(`${app}/embed.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toMatch(/max-age=[1-9]/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(gzipSync(body, { level: 9 }).length).toBeLessThanOrEqual(3 * 1024);
  });

  it('applies the brand colour and font the page passes, and only valid ones', async () => {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, freshUserId());
    const frame = await openTodoPage(page, helpCenter, app, 'script');
    const configure = (options: Record<string, string>): Promise<void> =>
      page.evaluate(
        ([origin, config]) =>
          document
            .querySelector('iframe')!
            .contentWindow!.postMessage({ type: 'hc-todo:config', v: 1, ...config }, origin),
        [app, options] as const,
      );
    const addButton = (): Promise<string[]> =>
      frame.$eval('button[type="submit"]', (button) => {
        const style = getComputedStyle(button);
        return [style.backgroundColor, style.color, style.fontFamily];
      });
    expect(await addButton()).toEqual([
      'rgb(23, 73, 77)', // Copenhagen's brand colour by default
      'rgb(255, 255, 255)',
      expect.stringContaining('-apple-system'),
    ]);
    await configure({ accent: '#ffe066', font: 'Georgia, serif' });
    await frame.waitForFunction(() =>
      getComputedStyle(document.querySelector('button[type="submit"]')!).fontFamily.includes(
        'Georgia',
      ),
    );
    // A light brand colour gets dark text, so the button stays readable.
    expect(await addButton()).toEqual(['rgb(255, 224, 102)', 'rgb(47, 57, 65)', 'Georgia, serif']);
    await configure({ accent: 'url(https://attacker.example/x)', font: 'x; background: red' });
    await frame.waitForFunction(
      () => !getComputedStyle(document.querySelector('button')!).fontFamily.includes('Georgia'),
    );
    expect((await addButton())[0]).toBe('rgb(23, 73, 77)');
    await page.context().close();
  });

  it('mounts one widget even when included twice', async () => {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, freshUserId());
    await openTodoPage(page, helpCenter, app, 'script');
    await page.evaluate(
      (src) =>
        new Promise((resolve) => {
          const script = document.createElement('script');
          script.src = `${src}?again`;
          script.onload = resolve;
          document.body.append(script);
        }),
      `${app}/embed.js`,
    );
    // The second copy ran (onload follows execution) and mounted nothing.
    expect(await page.$$('iframe')).toHaveLength(1);
    await page.context().close();
  });

  // Where `document.currentScript` is unavailable (script rewriters such as Rocket Loader, tag
  // managers that eval), a `script[src$="/embed.js"]` guess would take the first such tag —
  // here another vendor's, whose origin would then be framed and sent the user's token.
  describe('without document.currentScript, next to another vendor’s embed.js', () => {
    async function openWith(params: Record<string, string>): Promise<{
      page: Page;
      errors: string[];
      tokenFetches: () => number;
    }> {
      const context = await newContext(browser());
      const page = await context.newPage();
      await signIn(page, helpCenter, freshUserId());
      // On the help center page only (the widget's own bundle needs currentScript), and on
      // Document.prototype: the loader reads the browser's getter, not `document`'s own property.
      await page.addInitScript(() => {
        if (window === window.top) {
          Object.defineProperty(Document.prototype, 'currentScript', { get: () => null });
        }
      });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      let tokenFetches = 0;
      page.on('request', (request) => {
        if (request.url().includes('/integration/token')) tokenFetches += 1;
      });
      // page.goto waits for `load`, which waits for the async loader to have run.
      await page.goto(todoPageUrl(helpCenter, app, 'script', { vendor: '1', ...params }));
      expect(await page.evaluate(() => 'vendorRan' in window)).toBe(true);
      return { page, errors, tokenFetches: () => tokenFetches };
    }

    it('fails closed, with a console error, when its tag is not marked', async () => {
      const { page, errors, tokenFetches } = await openWith({ unmarked: '1' });
      expect(await page.$$eval('script[data-hc-todo-embed]', (s) => s.length)).toBe(0);
      expect(errors.filter((e) => e.includes('hc-todo'))).toEqual([
        'hc-todo: embed.js cannot find its own <script> tag; add data-hc-todo-embed',
      ]);
      expect(await page.$$('iframe')).toHaveLength(0);
      expect(tokenFetches()).toBe(0);
      await page.context().close();
    });

    it('finds its own tag by the snippet’s marker and mounts from its own origin', async () => {
      const { page, errors } = await openWith({});
      const frame = await widgetFrame(page, app);
      await frame.waitForSelector('#hct-new');
      expect(await page.$$('iframe')).toHaveLength(1);
      const sources = page
        .frames()
        .filter((f) => f !== page.mainFrame())
        .map((f) => new URL(f.url()).origin);
      expect(sources).toEqual([app]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  });
});
