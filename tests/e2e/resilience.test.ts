/**
 * When the server refuses or cannot be reached: the change is rolled back, a visible alert says
 * why (with "Try again" when that can help), and typed text is never lost. Also the client-side
 * limits (trimmed, non-empty, 500 code points) and the 409 / 429 messages.
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  alertText,
  announced,
  freshUserId,
  itemTexts,
  openTodoPage,
  type EmbedMode,
  signedInPage,
} from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];

describe.each(MODES)('failures in %s mode', { timeout: 90_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  /**
   * What the real API adds to an answer for the help center page in script mode, where the
   * widget calls it cross-origin: without it the browser hides a faked answer from the widget.
   */
  const cors: Record<string, string> =
    mode === 'script'
      ? {
          'access-control-allow-origin': helpCenter,
          'access-control-expose-headers': 'Retry-After, WWW-Authenticate, X-Request-Id',
        }
      : {};

  async function open(userId = freshUserId()): Promise<{ page: Page; frame: Frame }> {
    const page = await signedInPage(browser(), helpCenter, userId);
    return { page, frame: await openTodoPage(page, helpCenter, app, mode) };
  }

  it('keeps the text when the server is unreachable during an add, and retries', async () => {
    const { page, frame } = await open();
    await addItem(frame, 'Already there');
    const context = page.context();
    const down = `${app}/api/todo_items`;
    await context.route(down, (route) =>
      route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue(),
    );
    await frame.fill('#hct-new', 'Survives the outage');
    await frame.press('#hct-new', 'Enter');
    await frame.waitForSelector('[role="alert"] button:text("Try again")');
    expect(await alertText(frame)).toContain('Couldn’t add “Survives the outage”.');
    expect(await alertText(frame)).toContain('can’t be reached');
    expect(await frame.inputValue('#hct-new')).toBe('Survives the outage');
    expect(await itemTexts(frame)).toEqual(['Already there']);

    await context.unroute(down);
    await frame.click('button:text("Try again")');
    await announced(frame, 'Added “Survives the outage”.');
    expect(await itemTexts(frame)).toEqual(['Already there', 'Survives the outage']);
    expect(await frame.inputValue('#hct-new')).toBe('');
    expect(await alertText(frame)).toBe('');
    await page.context().close();
  });

  it('rolls back a toggle the server refuses and says so', async () => {
    const { page, frame } = await open();
    await addItem(frame, 'Toggle me');
    await page.context().route(`${app}/api/todo_items/*`, (route) =>
      route.fulfill({
        status: 503,
        headers: { ...cors, 'retry-after': '5' },
        json: { error: { code: 'store_unavailable', message: 'Try again.' } },
      }),
    );
    await frame.click('#hct-view li input[type="checkbox"]');
    await frame.waitForSelector('[role="alert"]:has-text("Couldn’t update “Toggle me”.")');
    expect(await frame.isChecked('#hct-view li input[type="checkbox"]')).toBe(false);
    await page.context().close();
  });

  it('shows the rate-limit message with its wait', async () => {
    const { page, frame } = await open();
    await page.context().route(`${app}/api/todo_items`, (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 429,
            headers: { ...cors, 'retry-after': '7' },
            json: { error: { code: 'rate_limited', message: 'Slow down.' } },
          })
        : route.continue(),
    );
    await frame.fill('#hct-new', 'Too fast');
    await frame.press('#hct-new', 'Enter');
    await frame.waitForSelector('[role="alert"] button:text("Try again")');
    expect(await alertText(frame)).toContain('Try again in 7 s.');
    expect(await frame.inputValue('#hct-new')).toBe('Too fast');
    await page.context().close();
  });

  it('explains the 500-item limit, without a pointless "Try again"', async () => {
    const userId = freshUserId();
    const token = await new FakeZendeskClient(helpCenter).userToken(userId);
    for (let batch = 0; batch < 500; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${app}/api/todo_items`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ value: `seed ${batch + i}` }),
          }).then((res) => expect(res.status).toBe(201)),
        ),
      );
    }
    const { page, frame } = await open(userId);
    await frame.fill('#hct-new', 'One too many');
    await frame.press('#hct-new', 'Enter');
    await frame.waitForSelector('[role="alert"]:has-text("limit of 500")');
    expect(await frame.$('[role="alert"] button:text("Try again")')).toBeNull();
    expect(await frame.inputValue('#hct-new')).toBe('One too many');
    expect(await frame.$$('#hct-view li')).toHaveLength(500);
    await page.context().close();
  });

  it('enforces the value limits before sending anything', async () => {
    const { page, frame } = await open();
    const posts: string[] = [];
    page.context().on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await frame.fill('#hct-new', 'x'.repeat(501));
    expect(await frame.textContent('#hct-new-hint')).toBe(
      'That is 501 characters; the limit is 500.',
    );
    await frame.press('#hct-new', 'Enter');
    await frame.fill('#hct-new', '   ');
    await frame.press('#hct-new', 'Enter');
    expect(await frame.textContent('#hct-new-hint')).toBe('Type something first.');
    expect(posts).toEqual([]);
    // 500 code points is fine even when each takes two UTF-16 units; stored trimmed.
    const emoji = '😀'.repeat(500);
    await addItem(frame, `  ${emoji}  `.trim());
    expect(await itemTexts(frame)).toEqual([emoji]);
    await page.context().close();
  });
});
