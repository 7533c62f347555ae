/**
 * Script mode's hand-off seen from the page: the real widget in the fake help center, a token
 * endpoint each case shapes, and every request the page makes, to say where a token went
 * (tests/e2e/hand-off-table.test.ts).
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { expect } from 'vitest';

import { newContext, signIn } from '../../dev/browser';
import type { FakeZendeskClient } from '../../dev/fake-zendesk-client';
import { answerTokenRequests, type TokenReply } from './hand-off-cases';

/** Every request the pages of `context` make, from any frame, from now on. */
export function recordRequests(context: BrowserContext): Request[] {
  const seen: Request[] = [];
  context.on('request', (request) => seen.push(request));
  return seen;
}

export interface InPage {
  page: Page;
  /** A valid token of the signed-in user ('' when anonymous). */
  valid: string;
  /** Token requests so far. */
  fetches: () => number;
  requests: Request[];
}

/** A page signed in as `user`, the token endpoint answering `first`, then a valid token. */
export async function openInPage(
  browser: Browser,
  zendesk: FakeZendeskClient,
  user: number | 'anonymous',
  first: TokenReply,
): Promise<InPage> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, zendesk.url, user);
  const valid = typeof user === 'number' ? await zendesk.userToken(user) : '';
  const reply = (n: number): TokenReply => (n === 1 ? first : { kind: 'valid' });
  const fetches = await answerTokenRequests(context, zendesk.url, valid, reply);
  return { page, valid, fetches, requests: recordRequests(context) };
}

/**
 * The requests that carried `token` anywhere, once checked that each is a call to `app`'s API
 * with the token in its Authorization header and nowhere else (not its URL, not its body).
 */
export function carrying(requests: Request[], token: string, app: string): Request[] {
  const found = requests.filter(
    (r) =>
      r.url().includes(token) ||
      (r.postData() ?? '').includes(token) ||
      Object.values(r.headers()).some((value) => value.includes(token)),
  );
  for (const r of found) {
    expect(r.url().startsWith(`${app}/api/`) && !r.url().includes(token)).toBe(true);
    expect(r.headers().authorization).toBe(`Bearer ${token}`);
    expect(r.postData() ?? '').not.toContain(token);
  }
  return found;
}
