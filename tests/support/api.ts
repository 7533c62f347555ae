/**
 * A thin HTTP client for the API as any outside caller sees it: status, headers, parsed JSON.
 * Every answer is checked against docs/openapi.json on the way (openapi.ts): a response the
 * description does not allow fails the test that made it.
 */
import { randomInt } from 'node:crypto';

import { openApiProblems } from './openapi';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  /** A value to send as JSON, or raw text/bytes sent as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Item {
  id: number;
  value: string;
  done: boolean;
  created_at: string;
  updated_at: string;
}

export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization ??= `Bearer ${opts.token}`;
  let body: string | Uint8Array | undefined;
  if (typeof opts.body === 'string' || opts.body instanceof Uint8Array) body = opts.body;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body as BodyInit | undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the test sees the raw text (and the description check below says so).
  }
  const problems = openApiProblems(method, path, res.status, parsed);
  if (problems.length > 0) {
    throw new Error(`the answer does not match docs/openapi.json:\n${problems.join('\n')}`);
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** A user id no other test uses (12 digits, like Zendesk's). */
export function newUserId(): number {
  return randomInt(100_000_000_000, 281_474_976_710_655);
}

/** The error code of an error response, or undefined. */
export function errorCode(res: ApiResponse<unknown>): string | undefined {
  const body = res.body as { error?: { code?: unknown } } | null;
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
}

/** Adds `values` in order as `token`'s user, failing loudly on anything but 201. */
export async function addItems(base: string, token: string, values: string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const value of values) {
    const res = await call<{ todo_item: Item }>(base, 'POST', '/api/todo_items', {
      token,
      body: { value },
    });
    if (res.status !== 201) {
      throw new Error(`adding "${value}" answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    items.push(res.body.todo_item);
  }
  return items;
}
