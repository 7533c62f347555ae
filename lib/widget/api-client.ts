/**
 * Calls the hc-todo API with the help center token. A 401 for an expired or invalid token is
 * answered once by asking the parent for a fresh token and retrying, so expiry is invisible.
 */
import { TokenUnavailableError } from './parent-channel';
import { EXPORT_FORMAT } from '../limits';
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

export { EXPORT_FILE_NAME } from '../limits';

export interface TodoApi {
  list(): Promise<TodoItem[]>;
  /** `idempotencyKey`: fresh per add, the same again when that add is retried. */
  add(value: string, idempotencyKey: string): Promise<TodoItem[]>;
  update(id: number, patch: { value?: string; done?: boolean }): Promise<TodoItem[]>;
  remove(id: number): Promise<TodoItem[]>;
  /** Toggle all: one `PATCH /api/todo_items`. */
  setAllDone(done: boolean): Promise<TodoItem[]>;
  /** Clear completed: one `DELETE /api/todo_items?done=true`. */
  clearCompleted(): Promise<{ deleted: number; todo_items: TodoItem[] }>;
  /** `GET /api/me/export`, as the JSON file the server sent. */
  exportData(): Promise<Blob>;
  /** `DELETE /api/me`: every item of this user, gone. */
  eraseAll(): Promise<TodoItem[]>;
}

type GetToken = (options?: { fresh?: boolean }) => Promise<string>;
type Payload = Record<string, unknown>;

const REFRESHABLE = new Set(['token_expired', 'invalid_token']);

function parseJson(text: string): Payload | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Payload) : undefined;
  } catch {
    return undefined;
  }
}

/** The list of an answer, or a `bad_response` error: every success carries the whole list. */
function itemsOf(payload: Payload): TodoItem[] {
  if (Array.isArray(payload.todo_items)) return payload.todo_items as TodoItem[];
  throw new RequestError('bad_response', 502, 'the answer carries no list');
}

interface Sent {
  payload: Payload;
  text: string;
}

/** An API client bound to a token source; `base` is same-origin by default. */
export function createTodoApi(getToken: GetToken, base = '/api'): TodoApi {
  async function send(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Sent> {
    const { body } = options;
    for (let attempt = 0; ; attempt += 1) {
      let token: string;
      try {
        token = await getToken({ fresh: attempt > 0 });
      } catch (error) {
        const code = error instanceof TokenUnavailableError ? error.code : 'failed';
        throw new RequestError(`token_${code}`, 0, 'no help center token');
      }
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            ...options.headers,
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          // No `cache: 'no-store'`: every API answer is no-store already, and Chromium bypasses
          // its CORS preflight cache for such a request, so script mode's widget (cross-origin)
          // would send a preflight before every call despite Access-Control-Max-Age.
        });
        text = await response.text();
      } catch {
        // Also a reply cut off mid-body: the request may have been applied (see idempotent adds).
        throw new RequestError('network', 0, 'network error');
      }
      const payload = parseJson(text);
      if (response.ok && payload) return { payload, text };
      const error = payload?.error as { code?: unknown; message?: unknown } | undefined;
      const code = typeof error?.code === 'string' ? error.code : 'bad_response';
      if (response.status === 401 && REFRESHABLE.has(code) && attempt === 0) continue;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new RequestError(
        code,
        response.ok ? 502 : response.status,
        typeof error?.message === 'string' ? error.message : response.statusText,
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : undefined,
      );
    }
  }

  const items = async (sent: Promise<Sent>): Promise<TodoItem[]> => itemsOf((await sent).payload);

  return {
    list: () => items(send('GET', '/todo_items')),
    add: (value, idempotencyKey) =>
      items(
        send('POST', '/todo_items', {
          body: { value },
          headers: { 'idempotency-key': idempotencyKey },
        }),
      ),
    update: (id, patch) => items(send('PATCH', `/todo_items/${id}`, { body: patch })),
    remove: (id) => items(send('DELETE', `/todo_items/${id}`)),
    setAllDone: (done) => items(send('PATCH', '/todo_items', { body: { done } })),
    clearCompleted: async () => {
      const { payload } = await send('DELETE', '/todo_items?done=true');
      const deleted = typeof payload.deleted === 'number' ? payload.deleted : 0;
      return { deleted, todo_items: itemsOf(payload) };
    },
    exportData: async () => {
      const { payload, text } = await send('GET', '/me/export');
      if (payload.format !== EXPORT_FORMAT) {
        throw new RequestError('bad_response', 502, `not a ${EXPORT_FORMAT} document`);
      }
      // The bytes as the server sent them: the file is the export, not our re-serialisation.
      return new Blob([text], { type: 'application/json' });
    },
    eraseAll: async () => {
      await send('DELETE', '/me');
      return [];
    },
  };
}
