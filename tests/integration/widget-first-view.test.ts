/**
 * `POST /widget` — the help center opening the widget with the user's token in a text/plain form
 * body (lib/embed/hand-off.js), so the first list is in the HTML. Seen from outside: the items of
 * exactly that user, for an allowed origin and a valid token only; nothing of theirs otherwise;
 * never the token itself, and never anything a cache may keep.
 */
import { describe, expect, it } from 'vitest';

import { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { addItems, newUserId } from '../support/api';
import { STORE_MODES, system } from '../support/system';

const SIGN_IN_FAILED = 'sign-in couldn’t be confirmed';

interface Page {
  status: number;
  headers: Headers;
  html: string;
}

describe.each(STORE_MODES)('POST /widget on the %s store', (mode) => {
  const { zendeskUrl: helpCenter, apps } = system();
  const app = apps[mode];
  const zendesk = new FakeZendeskClient(helpCenter);
  const now = (): number => Math.floor(Date.now() / 1000);

  async function open(
    body: string,
    headers: Record<string, string> = { origin: helpCenter },
  ): Promise<Page> {
    const res = await fetch(`${app}/widget?locale=en`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...headers },
      body,
    });
    return { status: res.status, headers: res.headers, html: await res.text() };
  }

  /** A user with two items, one of them markup, and their token. */
  async function userWithItems(): Promise<{ token: string; values: string[] }> {
    const userId = newUserId();
    const token = await zendesk.userToken(userId);
    const values = [`first ${userId}`, `<b>second</b> ${userId}`];
    await addItems(app, token, values);
    return { token, values };
  }

  it("renders the user's items into the HTML, uncacheable, frameable only by the help center", async () => {
    const { token, values } = await userWithItems();
    const page = await open(`token=${token}\r\n`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(values[0]);
    // Text, never markup: the item is escaped wherever it appears.
    expect(page.html).not.toContain('<b>second</b>');
    expect(page.html).toContain('&lt;b&gt;second&lt;/b&gt;');
    expect(page.headers.get('cache-control')).toMatch(/no-store/);
    expect(page.headers.get('content-security-policy')).toBe(`frame-ancestors ${helpCenter}`);
    expect(page.html).not.toContain(SIGN_IN_FAILED);
  });

  it('never echoes the token, in the HTML or in a header', async () => {
    const { token } = await userWithItems();
    const page = await open(`token=${token}\r\n`);
    expect(page.html).not.toContain(token);
    // The signature alone would be enough to notice a partial echo.
    expect(page.html).not.toContain(token.split('.')[2]!);
    for (const [name, value] of page.headers) {
      expect(`${name}: ${value}`).not.toContain(token.split('.')[2]!);
    }
  });

  it.each([
    ['a foreign origin', { origin: 'https://evil.example' }],
    ['no origin at all', {}],
    ['the literal origin null', { origin: 'null' }],
  ])('gives %s nothing of the user', async (_, headers) => {
    const { token, values } = await userWithItems();
    const page = await open(`token=${token}\r\n`, headers);
    expect(page.status).toBe(200);
    for (const value of values) expect(page.html).not.toContain(value.split(' ')[1]!);
  });

  it.each([
    ['an expired token', () => zendesk.userToken(newUserId(), { exp: now() - 120 })],
    ['a forged token', () => zendesk.userToken(newUserId(), {}, { foreignKey: true })],
    [
      'a token for another origin',
      () => zendesk.userToken(newUserId(), {}, { origin: 'https://evil.example' }),
    ],
    ['text that is no token', () => Promise.resolve('not-a-jwt')],
    ['a token over 8 KiB', () => Promise.resolve(`a.${'b'.repeat(9000)}.c`)],
  ])('renders the sign-in error and no items for %s', async (_, makeToken) => {
    const page = await open(`token=${await makeToken()}\r\n`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(SIGN_IN_FAILED);
    expect(page.html).not.toMatch(/<li[\s>]/);
  });

  it('renders the sign-in error for a body without a token, and survives one past 16 KiB', async () => {
    for (const body of ['', 'user=1\r\n', `token=${'x'.repeat(20_000)}\r\n`]) {
      const page = await open(body);
      expect(page.status).toBe(200);
      expect(page.html).toContain(SIGN_IN_FAILED);
    }
  });

  it('serves the empty staging page the frame loads first: framable by the help center, cached', async () => {
    const res = await fetch(`${app}/widget-frame.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(`frame-ancestors ${helpCenter}`);
    expect(res.headers.get('cache-control')).toMatch(/max-age=86400/);
    expect(await res.text()).not.toMatch(/<script/i);
  });

  it('ignores a client that sends the internal token header itself', async () => {
    const { token, values } = await userWithItems();
    const res = await fetch(`${app}/widget`, {
      headers: { origin: helpCenter, 'x-hc-todo-posted-token': token },
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    for (const value of values) expect(html).not.toContain(value.split(' ')[1]!);
    expect(html).not.toContain(SIGN_IN_FAILED);
  });
});
