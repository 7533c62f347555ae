/**
 * public/embed.js as a help center receives it: small, cacheable, and harmless to include twice.
 */
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { freshUserId, newContext, openTodoPage, signIn } from '../support/browser';
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
    await page.waitForTimeout(300);
    expect(await page.$$('iframe')).toHaveLength(1);
    await page.context().close();
  });
});
