/**
 * The list as SWR data, and the four changes as optimistic SWR mutations: the screen changes at
 * once, the server's answer (the whole list) replaces it, and a refusal rolls it back.
 */
import { useCallback, useMemo, useRef } from 'react';
import useSWR from 'swr';

import type { RequestError, TodoApi } from './api-client';
import type { TodoItem } from './types';

const KEY = 'hc-todo:items';

export interface Todos {
  items: TodoItem[] | undefined;
  loadError: RequestError | undefined;
  reload(): void;
  add(value: string): Promise<void>;
  update(id: number, patch: { value?: string; done?: boolean }): Promise<void>;
  remove(id: number): Promise<void>;
  clearCompleted(): Promise<number>;
}

let temporaryId = 0;

/** Items of the signed-in user; `api` undefined until a token can be had. */
export function useTodos(api: TodoApi | undefined): Todos {
  const connected = useCallback((): TodoApi => {
    if (!api) throw new Error('useTodos: not connected to the help center yet');
    return api;
  }, [api]);

  const { data, error, mutate } = useSWR<TodoItem[], RequestError>(
    api ? KEY : null,
    () => connected().list(),
    {
      keepPreviousData: true,
      // Retrying a refused request (4xx) cannot help; an outage may pass.
      shouldRetryOnError: (err: RequestError) => err.retryable,
      errorRetryCount: 3,
    },
  );

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
      add: (value) => {
        const now = new Date().toISOString();
        temporaryId -= 1;
        const draft: TodoItem = {
          id: temporaryId,
          value: value.trim(),
          done: false,
          created_at: now,
          updated_at: now,
        };
        return change(
          () => connected().add(value),
          (items) => [...items, draft],
        );
      },
      update: (id, patch) =>
        change(
          () => connected().update(id, patch),
          (items) => items.map((item) => (item.id === id ? { ...item, ...patch } : item)),
        ),
      remove: (id) =>
        change(
          () => connected().remove(id),
          (items) => items.filter((item) => item.id !== id),
        ),
      clearCompleted: async () => {
        const done = (data ?? []).filter((item) => item.done && item.id > 0).map((i) => i.id);
        if (done.length === 0) return 0;
        await change(
          async () => {
            // No bulk endpoint: one DELETE each, at once. Every answer is a whole list; once all
            // have succeeded none of these ids exists, so the last answer minus them is current.
            let last: TodoItem[] = [];
            await Promise.all(
              done.map(async (id) => {
                last = await connected().remove(id);
              }),
            );
            return last.filter((item) => !done.includes(item.id));
          },
          (items) => items.filter((item) => !done.includes(item.id)),
        );
        return done.length;
      },
    }),
    [change, connected, data, error, mutate],
  );
}
