/**
 * The list as SWR data, and every change as an optimistic SWR mutation: the screen changes at
 * once, the server's answer (the whole list) replaces it, and a refusal rolls it back. Each
 * change is one request, bulk ones included (toggle all, clear completed, erase).
 */
import { useCallback, useMemo, useRef } from 'react';
import useSWR from 'swr';

import { normaliseValue } from '../limits';
import type { RequestError, TodoApi } from './api-client';
import type { TodoItem } from './types';

/** The list's SWR key (todos-cache.tsx seeds it with the server-rendered list). */
export const TODOS_KEY = 'hc-todo:items';

export interface Todos {
  items: TodoItem[] | undefined;
  loadError: RequestError | undefined;
  reload(): void;
  /** `idempotencyKey` makes a retry of the same add safe (see idempotency-key.ts). */
  add(value: string, idempotencyKey: string): Promise<void>;
  update(id: number, patch: { value?: string; done?: boolean }): Promise<void>;
  remove(id: number): Promise<void>;
  setAllDone(done: boolean): Promise<void>;
  /** Resolves to how many items the server removed. */
  clearCompleted(): Promise<number>;
  /** Erases all of the user's data (`DELETE /api/me`). */
  eraseAll(): Promise<void>;
}

let temporaryId = 0;

/**
 * Items of the signed-in user. `rendered`: the server rendered the list into the cache
 * (TodosCache), so it is not fetched again on mount.
 */
export function useTodos(api: TodoApi, rendered = false): Todos {
  const { data, error, mutate } = useSWR<TodoItem[], RequestError>(TODOS_KEY, () => api.list(), {
    revalidateOnMount: !rendered,
    keepPreviousData: true,
    // Retrying a refused request (4xx) cannot help; an outage may pass.
    shouldRetryOnError: (err: RequestError) => err.retryable,
    errorRetryCount: 3,
  });

  // SWR keeps only the last of overlapping mutations' answers; when several overlapped, the
  // server's order may differ from ours, so ask for the truth once they have all settled.
  const inFlight = useRef({ count: 0, overlapped: false });

  const change = useCallback(
    async (
      request: () => Promise<TodoItem[]>,
      optimistic: (items: TodoItem[]) => TodoItem[],
    ): Promise<void> => {
      const flight = inFlight.current;
      flight.count += 1;
      if (flight.count > 1) flight.overlapped = true;
      let failed = false;
      try {
        await mutate(request, {
          optimisticData: (current) => optimistic(current ?? []),
          rollbackOnError: true,
          populateCache: true,
          revalidate: false,
        });
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        flight.count -= 1;
        if (flight.count === 0 && (flight.overlapped || failed)) {
          flight.overlapped = false;
          void mutate();
        }
      }
    },
    [mutate],
  );

  return useMemo<Todos>(
    () => ({
      items: data,
      loadError: error,
      reload: () => void mutate(),
      add: (value, idempotencyKey) => {
        const now = new Date().toISOString();
        temporaryId -= 1;
        const draft: TodoItem = {
          id: temporaryId,
          value: normaliseValue(value),
          done: false,
          created_at: now,
          updated_at: now,
        };
        return change(
          () => api.add(value, idempotencyKey),
          (items) => [...items, draft],
        );
      },
      update: (id, patch) =>
        change(
          () => api.update(id, patch),
          (items) => items.map((item) => (item.id === id ? { ...item, ...patch } : item)),
        ),
      remove: (id) =>
        change(
          () => api.remove(id),
          (items) => items.filter((item) => item.id !== id),
        ),
      setAllDone: (done) =>
        change(
          () => api.setAllDone(done),
          (items) => items.map((item) => (item.done === done ? item : { ...item, done })),
        ),
      clearCompleted: async () => {
        let deleted = 0;
        await change(
          async () => {
            const answer = await api.clearCompleted();
            deleted = answer.deleted;
            return answer.todo_items;
          },
          (items) => items.filter((item) => !item.done),
        );
        return deleted;
      },
      eraseAll: () =>
        change(
          () => api.eraseAll(),
          () => [],
        ),
    }),
    [api, change, data, error, mutate],
  );
}
