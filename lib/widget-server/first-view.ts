/**
 * What `/widget` renders before any script runs. When a help center page opened it with a token
 * (`POST /widget`, see posted-token.ts), the page makes the API's own checks — through the same
 * pipeline and authenticated path (lib/http: a request id, one log line, one error mapping) —
 * and renders the user's items, so the first list needs no round trip after hydration. Anything
 * else renders nothing of the user's, and the widget goes on as after a plain `GET`: the
 * postMessage hand-off, then the API, which says what is wrong.
 */
import { ApiError, authenticate, openRequest, toWire, type WireItem } from '../http';
import { allowedParents, previewPort } from '../http/frame-ancestors';
import { requiredConfig } from '../http/required-config';
import { POSTED_TOKEN_HEADER, UNUSABLE_TOKEN } from './posted-token';

export type FirstView =
  /** The user's list, as `GET /api/todo_items` would have answered. */
  | { phase: 'ready'; items: WireItem[] }
  /** A posted token that is not a valid, current help center token: the sign-in error. */
  | { phase: 'failed' };

/** The first view for a request's headers; `undefined` when the widget should start plain. */
export async function firstView(headers: Pick<Headers, 'get'>): Promise<FirstView | undefined> {
  const token = headers.get(POSTED_TOKEN_HEADER);
  if (token === null) return undefined;
  const ctx = openRequest({ method: 'POST', pathname: '/widget', headers });
  try {
    requiredConfig(ctx.config);
    // A form post from a page that may not embed us gets nothing (and could not show it anyway:
    // frame-ancestors). Browsers always send Origin with a cross-origin POST.
    const origin = headers.get('origin');
    if (origin === null || !allowedParents(ctx.config, previewPort()).includes(origin)) {
      throw new ApiError('origin_not_allowed', 'This page may not open the widget.');
    }
    // An unusable body is an invalid token like any other: the sign-in error.
    const { todos } = await authenticate(ctx, token === UNUSABLE_TOKEN ? '' : token, 'read');
    const items = (await todos.list()).map(toWire);
    ctx.note({ first_view: 'ready' });
    ctx.finish(200);
    return { phase: 'ready', items };
  } catch (error) {
    // The page still answers 200; the log line says why it shows no list. A 401 is the sign-in
    // error; anything else (keys or store unreachable, rate limited, a foreign origin) starts
    // plain, and the API call the widget makes next says which.
    const apiError = ctx.fail(error);
    const signIn = apiError.status === 401;
    ctx.note({ first_view: signIn ? 'failed' : 'plain' });
    ctx.finish(200, apiError.code);
    return signIn ? { phase: 'failed' } : undefined;
  }
}
