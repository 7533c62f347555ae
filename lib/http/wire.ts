/**
 * The API's JSON shapes (docs/api.md), built from the store's domain results in one place: the
 * routes, the export and /widget's first view all answer the same `Item` for the same to-do.
 */
import type { Todo } from '../store/types';

/** An item as the API sends it. */
export interface WireItem {
  id: number;
  value: string;
  done: boolean;
  created_at: string;
  updated_at: string;
}

/** One to-do as the API's `Item`. */
export function toWire(todo: Todo): WireItem {
  return {
    id: todo.id,
    value: todo.value,
    done: todo.done,
    created_at: todo.createdAt,
    updated_at: todo.updatedAt,
  };
}

/** `{"todo_items": […]}`, plus the item a change touched (or null: deleted since) when given. */
export function listBody(
  items: readonly Todo[],
  touched?: { item: Todo | null },
): { todo_items: WireItem[]; todo_item?: WireItem | null } {
  const body = { todo_items: items.map(toWire) };
  if (touched === undefined) return body;
  return { todo_item: touched.item && toWire(touched.item), ...body };
}
