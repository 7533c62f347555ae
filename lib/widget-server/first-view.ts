/**
 * What `/widget` renders before any script runs. When a help center page opened it with a token
 * (`POST /widget`, see posted-token.ts), the page checks what the API would — configuration, the
 * request's `Origin`, the token, the rate limit — and renders the user's items, so the first list
 * needs no round trip after hydration. Anything else renders nothing of the user's, and the widget
 * goes on as after a plain `GET`: the postMessage hand-off, then the API, which says what is wrong.
 */
import { AuthError, verifyHelpCenterToken } from '../auth';
import { loadConfig } from '../config';
import { allowedParents, previewPort } from '../http/frame-ancestors';
import { quotaFor } from '../http/with-user';
import { getStore, type TodoItem } from '../store';
import { POSTED_TOKEN_HEADER, UNUSABLE_TOKEN } from './posted-token';

export type FirstView =
  /** The user's list, as `GET /api/todo_items` would have answered. */
  | { phase: 'ready'; items: TodoItem[] }
  /** A posted token that is not a valid, current help center token: the sign-in error. */
  | { phase: 'failed' };

/** The first view for a request's headers; `undefined` when the widget should start plain. */
export async function firstView(headers: Pick<Headers, 'get'>): Promise<FirstView | undefined> {
  const token = headers.get(POSTED_TOKEN_HEADER);
  if (token === null) return undefined;
  const state = loadConfig();
  // A form post from a page that may not embed us gets nothing (and could not show it anyway:
  // frame-ancestors). Browsers always send Origin with a cross-origin POST.
  const origin = headers.get('origin');
  if (!state.ok || origin === null || !allowedParents(state, previewPort()).includes(origin)) {
    return undefined;
  }
  if (token === UNUSABLE_TOKEN) return { phase: 'failed' };
  const { config } = state;
  try {
    const user = await verifyHelpCenterToken(token, config);
    const store = await getStore(config.store);
    return { phase: 'ready', items: await store.list(user, quotaFor('read', config)) };
  } catch (error) {
    if (error instanceof AuthError && error.code !== 'auth_unavailable') return { phase: 'failed' };
    // Keys or store unreachable, rate limited: the API call the widget makes next says which.
    return undefined;
  }
}
