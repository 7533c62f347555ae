'use client';

/**
 * The widget's SWR cache, holding from the start the list the server rendered (when it did). A
 * real cache entry rather than `fallbackData`: optimistic changes build on it and a refused
 * change rolls back to it, exactly as to a list that was fetched.
 */
import { useState, type JSX, type ReactNode } from 'react';
import { SWRConfig, type State } from 'swr';

import type { TodoItem } from './types';
import { TODOS_KEY } from './use-todos';

export function TodosCache({
  items,
  children,
}: {
  items: TodoItem[] | undefined;
  children: ReactNode;
}): JSX.Element {
  const [cache] = useState(
    () => new Map<string, State<TodoItem[]>>(items ? [[TODOS_KEY, { data: items }]] : []),
  );
  return <SWRConfig value={{ provider: () => cache }}>{children}</SWRConfig>;
}
