/**
 * Contract v2 in the widget, in both embed modes: toggle all and clear completed are
 * one request each, the All / Active / Completed filters, and adds that survive a lost reply
 * without a duplicate (Idempotency-Key reused by "Try again").
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  alertText,
  announced,
  checkedStates,
  freshUserId,
  itemTexts,
  newContext,
  openTodoPage,
  recordApiRequests,
  signIn,
  type EmbedMode,
} from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { system } from '../support/system';

const MODES: EmbedMode[] = ['script', 'iframe'];

describe.each(MODES)('bulk changes and filters in %s mode', { timeout: 60_000 }, (mode) => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;

  async function open(items: string[] = []): Promise<{ page: Page; frame: Frame }> {
    const page = await (await newContext(browser())).newPage();
    await signIn(page, helpCenter, freshUserId());
    const frame = await openTodoPage(page, helpCenter, app, mode);
    for (const value of items) await addItem(frame, value);
    return { page, frame };
  }

  const reopen = async (page: Page): Promise<Frame> => {
    await page.reload();
    return openTodoPage(page, helpCenter, app, mode);
  };

  it('marks every item complete, then none, with one PATCH each', async () => {
    const { page, frame } = await open(['one', 'two', 'three']);
    await frame.check('li:has(label:text-is("two")) input');
    await announced(frame, 'Marked “two” as done.');
    const requests = recordApiRequests(page, app);

    await frame.check('label:text-is("Mark all as complete")');
    await announced(frame, 'Marked every item as done.');
    expect(await checkedStates(frame)).toEqual([true, true, true]);
    expect(await frame.textContent('#hct-view')).toContain('All done!');
    expect(await frame.isChecked('#hct-toggle-all')).toBe(true);

    await frame.uncheck('#hct-toggle-all');
    await announced(frame, 'Marked every item as not done.');
    expect(await checkedStates(frame)).toEqual([false, false, false]);

    const writes = requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', '/api/todo_items', '{"done":true}'],
      ['PATCH', '/api/todo_items', '{"done":false}'],
    ]);
    const reloaded = await reopen(page);
    expect(await checkedStates(reloaded)).toEqual([false, false, false]);
    await page.context().close();
  });

  it('clears completed items with one DELETE ?done=true', async () => {
    const { page, frame } = await open(['keep', 'done 1', 'done 2', 'done 3']);
    for (const value of ['done 1', 'done 2', 'done 3']) {
      await frame.check(`li:has(label:text-is("${value}")) input`);
      await announced(frame, `Marked “${value}” as done.`);
    }
    const requests = recordApiRequests(page, app);
    await frame.click('button:text("Clear completed (3)")');
    await announced(frame, 'Cleared 3 completed items.');
    expect(await itemTexts(frame)).toEqual(['keep']);
    expect(requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path])).toEqual([
      ['DELETE', '/api/todo_items?done=true'],
    ]);
    expect(await itemTexts(await reopen(page))).toEqual(['keep']);
    await page.context().close();
  });

  it('filters All / Active / Completed in the widget, without touching any URL', async () => {
    const { page, frame } = await open(['alpha', 'beta', 'gamma']);
    await frame.check('li:has(label:text-is("beta")) input');
    await announced(frame, 'Marked “beta” as done.');
    const urls = [page.url(), frame.url()];
    const pressed = (): Promise<string[]> =>
      frame.$$eval('[role="group"] button[aria-pressed="true"]', (b) =>
        b.map((x) => x.textContent ?? ''),
      );
    expect(await pressed()).toEqual(['All']);

    await frame.click('[role="group"] button:text-is("Active")');
    expect(await itemTexts(frame)).toEqual(['alpha', 'gamma']);
    expect(await pressed()).toEqual(['Active']);
    // Completing an item under "Active" takes it out of view.
    // (a click: the box leaves the view, so `check` could not confirm its state)
    await frame.click('li:has(label:text-is("alpha")) input');
    await announced(frame, 'Marked “alpha” as done.');
    expect(await itemTexts(frame)).toEqual(['gamma']);

    await frame.click('[role="group"] button:text-is("Completed")');
    expect(await itemTexts(frame)).toEqual(['alpha', 'beta']);
    await frame.click('button:text("Clear completed (2)")');
    await announced(frame, 'Cleared 2 completed items.');
    expect(await frame.textContent('#hct-view')).toContain('No completed items.');

    await frame.click('[role="group"] button:text-is("All")');
    expect(await itemTexts(frame)).toEqual(['gamma']);
    expect([page.url(), frame.url()]).toEqual(urls);
    await page.context().close();
  });

  it('adds once when the reply is lost and the user tries again (same Idempotency-Key)', async () => {
    const { page, frame } = await open();
    const requests = recordApiRequests(page, app);
    let posts = 0;
    const statuses: number[] = [];
    await page.context().route(`${app}/api/todo_items`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      // The server applies the first add, but its reply never reaches the widget.
      const response = await route.fetch();
      statuses.push(response.status());
      if (posts === 1) return route.abort('connectionreset');
      return route.fulfill({ response });
    });

    await frame.fill('#hct-new', 'Exactly once');
    await frame.press('#hct-new', 'Enter');
    await frame.waitForSelector('[role="alert"] button:text("Try again")');
    expect(await alertText(frame)).toContain('Couldn’t add “Exactly once”.');
    await frame.click('[role="alert"] button:text("Try again")');
    await announced(frame, 'Added “Exactly once”.');

    const keys = requests
      .filter((r) => r.method === 'POST')
      .map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(statuses).toEqual([201, 200]); // the repeat added nothing
    expect(await itemTexts(frame)).toEqual(['Exactly once']);
    const reloaded = await reopen(page);
    expect(await itemTexts(reloaded)).toEqual(['Exactly once']);

    // A new add is a new key.
    await addItem(reloaded, 'Next');
    const last = requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(last.headers['idempotency-key']).not.toBe(keys[0]);
    await page.context().close();
  });
});
