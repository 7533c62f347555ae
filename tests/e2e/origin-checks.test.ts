/**
 * What an attacker on another origin can do: post messages into the widget from another frame
 * (ignored, even a forged token) — the iframe's widget, which takes its token by message, and
 * script mode's, which takes none at all — and frame /widget from a page that is not a help
 * center (refused by the browser because of `frame-ancestors`).
 */
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import {
  addItem,
  freshUserId,
  newContext,
  openTodoPage,
  todoPageUrl,
  signedInPage,
} from '../../dev/browser';
import { useBrowser } from '../support/browser-hooks';
import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { system } from '../support/system';

describe('origin checks', { timeout: 60_000 }, () => {
  const browser = useBrowser();
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps.embedded;
  const zendesk = new FakeZendeskClient(helpCenter);
  // The fake help center's server under another host name: same port, different origin.
  const foreignOrigin = helpCenter.replace('127.0.0.1', 'localhost');

  async function addSibling(page: Page, origin: string): Promise<Frame> {
    const handle = await page.evaluateHandle((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
      return new Promise<HTMLIFrameElement>((resolve) =>
        frame.addEventListener('load', () => resolve(frame)),
      );
    }, `${origin}/hc/done`);
    const frame = await handle.asElement()!.contentFrame();
    return frame!;
  }

  /** The list of whoever `token` says they are, as the API holds it. */
  const listOf = (token: string): Promise<unknown[]> =>
    fetch(`${app}/api/todo_items`, { headers: { authorization: `Bearer ${token}` } })
      .then((res) => res.json() as Promise<{ todo_items: unknown[] }>)
      .then((body) => body.todo_items);

  it('ignores messages from any window but its parent, and from origins not allowed', async () => {
    const userId = freshUserId();
    const page = await signedInPage(browser(), helpCenter, userId);
    // The widget that listens for messages is the iframe's (/widget).
    const widget = await openTodoPage(page, helpCenter, app, 'iframe');
    const intruderId = freshUserId();
    const forgedToken = await zendesk.userToken(intruderId, { origin: helpCenter });

    // Counts what the widget receives from windows other than its parent. The widget's own
    // listener was added first, so it has handled each message by the time this one sees it.
    await widget.evaluate(() => {
      const seen = window as unknown as { hcTodoFromOthers: number };
      seen.hcTodoFromOthers = 0;
      window.addEventListener('message', (event) => {
        if (event.source !== window.parent) seen.hcTodoFromOthers += 1;
      });
    });
    for (const origin of [foreignOrigin, helpCenter]) {
      const sibling = await addSibling(page, origin);
      await sibling.evaluate((token) => {
        const target = window.parent.frames[0]!;
        target.postMessage({ type: 'hc-todo:config', v: 1, locale: 'de' }, '*');
        target.postMessage({ type: 'hc-todo:token', v: 1, token }, '*');
      }, forgedToken);
    }
    await widget.waitForFunction(
      () => (window as unknown as { hcTodoFromOthers: number }).hcTodoFromOthers >= 4,
    );
    // One rendered frame for any state change the messages could have caused.
    await widget.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    );
    expect(await widget.textContent('h1')).toBe('To-do list');
    await addItem(widget, 'Written with my own token');
    expect(await listOf(forgedToken)).toEqual([]);

    // Control: the same message from the parent itself, to the widget's origin, is accepted.
    await page.evaluate((origin) => {
      const frame = document.querySelector('iframe')!;
      frame.contentWindow!.postMessage({ type: 'hc-todo:config', v: 1, locale: 'de' }, origin);
    }, app);
    await widget.waitForSelector('h1:text-is("Aufgabenliste")');
    await page.context().close();
  });

  it('takes no message at all in script mode, from any frame of any origin', async () => {
    const page = await signedInPage(browser(), helpCenter, freshUserId());
    const widget = await openTodoPage(page, helpCenter, app, 'script');
    const forgedToken = await zendesk.userToken(freshUserId(), { origin: helpCenter });
    // Counts what reaches the help center page, where the in-page widget lives; any listener of
    // the widget's was added before this one, so has run by the time this one counts.
    await page.evaluate(() => {
      const seen = window as unknown as { hcTodoMessages: number };
      seen.hcTodoMessages = 0;
      window.addEventListener('message', () => (seen.hcTodoMessages += 1));
    });
    for (const origin of [foreignOrigin, helpCenter]) {
      const sibling = await addSibling(page, origin);
      await sibling.evaluate((token) => {
        window.parent.postMessage({ type: 'hc-todo:config', v: 1, locale: 'de' }, '*');
        window.parent.postMessage({ type: 'hc-todo:token', v: 1, token }, '*');
      }, forgedToken);
    }
    await page.waitForFunction(
      () => (window as unknown as { hcTodoMessages: number }).hcTodoMessages >= 4,
    );
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
    );
    expect(await widget.textContent('#hct-view-title')).toBe('To-do list');
    await addItem(widget, 'Written with my own token');
    expect(await listOf(forgedToken)).toEqual([]);
    await page.context().close();
  });

  it('is refused by the browser when framed by an origin not in ALLOWED_ORIGINS', async () => {
    const response = await fetch(`${app}/widget`);
    expect(response.headers.get('content-security-policy')).toBe(`frame-ancestors ${helpCenter}`);

    const page = await (await newContext(browser())).newPage();
    const widgetRequests: number[] = [];
    page.on('response', (res) => {
      if (res.url().startsWith(`${app}/widget`)) widgetRequests.push(res.status());
    });
    await page.goto(todoPageUrl(foreignOrigin, app, 'iframe'));
    // The document was delivered, but the browser did not render it in the frame (had it done
    // so, the page would still be fetching the widget's scripts and token).
    await expect.poll(() => widgetRequests).toContain(200);
    await page.waitForLoadState('networkidle');
    const rendered = await Promise.all(
      page.frames().map((frame) => frame.$('h1').then((h1) => h1?.textContent() ?? null)),
    );
    expect(rendered.filter((text) => text === 'To-do list')).toEqual([]);
    expect(page.frames().filter((frame) => frame.url().startsWith(`${app}/widget`))).toEqual([]);
    await page.context().close();
  });
});
