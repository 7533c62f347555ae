/**
 * Script mode's hand-off, in the help center page itself: public/embed.js (lib/embed/) fetches
 * the user's token and, as soon as it has it, the list, while the in-page widget's bundle loads
 * (app/widget/_in-page/); then it calls the bundle's `mount` with this object. No message, no
 * frame, no global: the loader `import()`s the bundle and passes its token source in.
 */
import { createTodoApi, type TodoApi } from './api-client';
import { TokenUnavailableError } from './parent-channel';
import type { TodoItem } from './types';

/** What `mount` is given; `v` changes only with an incompatible loader (embed.js is cached). */
export interface InPageHandOff {
  v: 1;
  /** The app's origin, from the loader's own `src`: the API is there. */
  app: string;
  /** The user's token (`fresh`: not the cached one); `null` for an anonymous help center user. */
  getToken: ((fresh: boolean) => Promise<string>) | null;
  /**
   * The loader's own first token request, under way since it ran (`null` when anonymous): the
   * widget's first connect waits for it rather than asking again.
   */
  firstToken: Promise<string> | null;
  /** The loader's `GET /api/todo_items` body, or `null` when it failed (the widget asks again). */
  firstList: Promise<unknown> | null;
  locale?: string;
  accent?: string;
  font?: string;
}

/**
 * The loader's errors carry `code`: `unavailable` (plan without help center JWTs) or `failed` —
 * also the widget's phase for each.
 */
export function tokenErrorCode(error: unknown): 'unavailable' | 'failed' {
  return (error as { code?: unknown } | null)?.code === 'unavailable' ? 'unavailable' : 'failed';
}

/** The items of a list answer, or `undefined` when it is not one. */
export function itemsOfListBody(body: unknown): TodoItem[] | undefined {
  const items = (body as { todo_items?: unknown } | null)?.todo_items;
  return Array.isArray(items) ? (items as TodoItem[]) : undefined;
}

/**
 * An API client on the loader's token source, whose first `list()` is the loader's request
 * already under way (so the list is asked for once); a failed one is simply asked again here,
 * where an expired token is refreshed and errors are described. Only for a widget that has not
 * shown a list yet: afterwards the loader's answer is out of date.
 */
export function inPageApi(handOff: InPageHandOff): TodoApi {
  const source = handOff.getToken;
  const api = createTodoApi(async (options) => {
    if (!source) throw new TokenUnavailableError('anonymous');
    try {
      return await source(options?.fresh === true);
    } catch (error) {
      throw new TokenUnavailableError(tokenErrorCode(error));
    }
  }, `${handOff.app}/api`);
  let first = handOff.firstList;
  return {
    ...api,
    list: async () => {
      const pending = first;
      first = null;
      const items = pending ? itemsOfListBody(await pending.catch(() => null)) : undefined;
      return items ?? api.list();
    },
  };
}
