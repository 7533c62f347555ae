/**
 * The production build as anyone on the internet sees it: none of the dev preview exists, `/`
 * says what this is, and /widget opened on its own explains itself instead of doing anything.
 */
import { describe, expect, it } from 'vitest';

import { newContext } from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

describe('production build', { timeout: 60_000 }, () => {
  const browser = useBrowser();
  const { apps } = system();

  it.each([
    '/hc/todo',
    '/hc/todo?mode=iframe',
    '/hc/signin?user=1&return_to=/hc/todo',
    '/api/v2/help_center/integration/token',
  ])('answers 404 for the dev preview route %s', async (route) => {
    for (const app of [apps.embedded, apps.kv]) {
      const response = await fetch(`${app}${route}`, {
        headers: { cookie: 'hc_todo_preview_user=1' },
        redirect: 'manual',
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.text()).not.toContain('eyJ');
    }
  });

  it('says what it is at /, with a link to the health check and no dev preview', async () => {
    const html = await (await fetch(`${apps.embedded}/`)).text();
    expect(html).toContain('help center');
    expect(html).toContain('href="/api/health"');
    // The setup page lists the allowed origins (the fake help center's 127.0.0.1 here), so the
    // dev preview shows by its own words and its mock help center's path, not by that host.
    expect(html).not.toContain('dev preview');
    expect(html).not.toContain('/hc/todo');
  });

  it('explains itself when /widget is opened outside a help center', async () => {
    const page = await (await newContext(browser())).newPage();
    await page.goto(`${apps.embedded}/widget`);
    await page.waitForSelector('text=works inside a help center page');
    await page.context().close();
  });
});
