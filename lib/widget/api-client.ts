/**
 * Calls the hc-todo API with the help center token. A 401 for an expired or invalid token is
 * answered once by asking the parent for a fresh token and retrying, so expiry is invisible.
 */
import { TokenUnavailableError } from './parent-channel';
import type { TodoItem } from './types';

/** A failed request; `code` is the API's error code or a client-side one (`network`, `token_*`). */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }

  /** Whether trying the same thing again later can succeed. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface TodoApi {
  list(): Promise<TodoItem[]>;
  add(value: string): Promise<TodoItem[]>;
  update(id: number, patch: { value?: string; done?: boolean }): Promise<TodoItem[]>;
  remove(id: number): Promise<TodoItem[]>;
}

type GetToken = (options?: { fresh?: boolean }) => Promise<string>;

const REFRESHABLE = new Set(['token_expired', 'invalid_token']);

/** An API client bound to a token source; `base` is same-origin by default. */
export function createTodoApi(getToken: GetToken, base = '/api/todo_items'): TodoApi {
  async function send(method: string, path: string, body?: unknown): Promise<TodoItem[]> {
    for (let attempt = 0; ; attempt += 1) {
      let token: string;
      try {
        token = await getToken({ fresh: attempt > 0 });
      } catch (error) {
        const code = error instanceof TokenUnavailableError ? error.code : 'failed';
        throw new RequestError(`token_${code}`, 0, 'no help center token');
      }
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          cache: 'no-store',
        });
      } catch {
        throw new RequestError('network', 0, 'network error');
      }
      const payload = (await response.json().catch(() => undefined)) as
        { todo_items?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
      if (response.ok && Array.isArray(payload?.todo_items)) {
        return payload.todo_items as TodoItem[];
      }
      const code = typeof payload?.error?.code === 'string' ? payload.error.code : 'bad_response';
      if (response.status === 401 && REFRESHABLE.has(code) && attempt === 0) continue;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new RequestError(
        code,
        response.ok ? 502 : response.status,
        typeof payload?.error?.message === 'string' ? payload.error.message : response.statusText,
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : undefined,
      );
    }
  }

  return {
    list: () => send('GET', ''),
    add: (value) => send('POST', '', { value }),
    update: (id, patch) => send('PATCH', `/${id}`, patch),
    remove: (id) => send('DELETE', `/${id}`),
  };
}
