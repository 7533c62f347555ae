/**
 * The one table of hand-off cases both embed modes are held to (tests/e2e/hand-off-table.test.ts),
 * each case with what the iframe's hand-off posts to its widget and what script mode's in-page
 * widget shows, side by side, so the two modes cannot drift apart.
 */
import type { BrowserContext } from 'playwright-core';

import type { Language } from '../../lib/widget/i18n';

export const TOKEN_PATH = '/api/v2/help_center/integration/token';

export type TokenReply =
  { kind: 'valid' } | { kind: 'fulfill'; status: number; body: string } | { kind: 'abort' };

/** A token whose `exp` cannot be read: the payload is not base64url. */
export const UNDECODABLE = 'eyJhbGciOiJSUzI1NiJ9.!!!.sig';

export interface TokenCase {
  name: string;
  reply: TokenReply;
  /** Iframe mode, the endpoint answering `reply` every time. */
  frame: {
    /** The second message after `ready` (the first is config); `token: 'VALID'` = the real one. */
    expected: Record<string, unknown>;
    /** Token fetches a second `ready` causes: none while the token is cached, else one. */
    refetches: number;
    /** How the parent opens the widget: a POST carrying the token it got, else a plain GET. */
    opens: 'POST' | 'GET';
  };
  /** Script mode, the endpoint answering `reply` first and a valid token after that. */
  page: {
    /** The list; the sign-in-failed alert, whose "Try again" then gets it; or why it cannot. */
    shows: 'list' | 'failed' | 'unavailable';
    /** Token requests of the page view, an add included (and "Try again", when offered). */
    tokenRequests: number;
    /** Whether the API refused the first list's token (then the next one was asked for). */
    refused: boolean;
  };
}

const failed = (status?: number): Record<string, unknown> => ({
  type: 'hc-todo:token-error',
  v: 1,
  code: 'failed',
  ...(status && { status }),
});
const failedPage = { shows: 'failed', tokenRequests: 2, refused: false } as const;
const plainOpen = { opens: 'GET', refetches: 1 } as const;

export const TOKEN_CASES: TokenCase[] = [
  {
    name: 'a valid token (cached until shortly before exp)',
    reply: { kind: 'valid' },
    frame: {
      expected: { type: 'hc-todo:token', v: 1, token: 'VALID' },
      opens: 'POST',
      refetches: 0,
    },
    page: { shows: 'list', tokenRequests: 1, refused: false },
  },
  {
    // The API requires `exp`, so such a token is refused: script mode sends it all the same
    // (the API is the judge) and asks for the next one.
    name: 'a token whose exp cannot be read (passed on, never cached)',
    reply: { kind: 'fulfill', status: 200, body: JSON.stringify({ token: UNDECODABLE }) },
    frame: {
      expected: { type: 'hc-todo:token', v: 1, token: UNDECODABLE },
      opens: 'POST',
      refetches: 1,
    },
    page: { shows: 'list', tokenRequests: 2, refused: true },
  },
  {
    name: 'an answer without a token',
    reply: { kind: 'fulfill', status: 200, body: '{}' },
    frame: { expected: failed(), ...plainOpen },
    page: failedPage,
  },
  {
    name: 'an answer that is not JSON',
    reply: { kind: 'fulfill', status: 200, body: '<html>' },
    frame: { expected: failed(), ...plainOpen },
    page: failedPage,
  },
  {
    name: 'a 404 (a plan without help center JWTs)',
    reply: { kind: 'fulfill', status: 404, body: '{}' },
    frame: {
      expected: { type: 'hc-todo:token-error', v: 1, code: 'unavailable', status: 404 },
      ...plainOpen,
    },
    page: { shows: 'unavailable', tokenRequests: 1, refused: false },
  },
  {
    name: 'a 500',
    reply: { kind: 'fulfill', status: 500, body: '{}' },
    frame: { expected: failed(500), ...plainOpen },
    page: failedPage,
  },
  {
    name: 'a network failure',
    reply: { kind: 'abort' },
    frame: { expected: failed(), ...plainOpen },
    page: failedPage,
  },
];

export interface LocaleCase {
  name: string;
  path: string;
  params: Record<string, string>;
  /** The locale the iframe's hand-off passes on. */
  locale: string;
  /** The language script mode's widget then shows. */
  language: Language;
}

export const LOCALE_CASES: LocaleCase[] = [
  {
    name: 'HelpCenter.user.locale',
    path: '/hc/todo',
    params: { locale: 'de' },
    locale: 'de',
    language: 'de',
  },
  {
    name: '<html lang> when the user has no locale',
    path: '/hc/ja/p/todo',
    params: { locale: 'none', lang: 'fr-FR' },
    locale: 'fr-fr',
    language: 'fr',
  },
  {
    name: 'the /hc/<locale>/ path when the page has no lang either',
    path: '/hc/es-419/p/todo',
    params: { locale: 'none', lang: '' },
    locale: 'es-419',
    language: 'es',
  },
  {
    name: 'English when nothing says',
    path: '/hc/todo',
    params: { locale: 'none', lang: '' },
    locale: 'en',
    language: 'en',
  },
];

/**
 * Makes the help center's token endpoint in `context` answer the `n`th request (from 1) with
 * `reply(n)`, a valid token for the signed-in user being `valid`; returns how many it answered.
 */
export async function answerTokenRequests(
  context: BrowserContext,
  helpCenter: string,
  valid: string,
  reply: (n: number) => TokenReply,
): Promise<() => number> {
  let fetches = 0;
  await context.route(`${helpCenter}${TOKEN_PATH}`, (route) => {
    const answer = reply(++fetches);
    if (answer.kind === 'abort') return route.abort('failed');
    if (answer.kind === 'valid') return route.fulfill({ json: { token: valid } });
    return route.fulfill({
      status: answer.status,
      contentType: 'application/json',
      body: answer.body,
    });
  });
  return () => fetches;
}
