/**
 * Script mode's API client (lib/widget/in-page-hand-off.ts): the loader's first list answers the
 * widget's first `list()` only — a later one goes to the API, or a refused change would roll back
 * to a list from before it — and the loader's token errors become the widget's coded ones.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { inPageApi, type InPageHandOff } from '@/lib/widget/in-page-hand-off';
import type { TodoItem } from '@/lib/widget/types';

const APP = 'https://todo.example.com';
const item = (id: number, value: string): TodoItem => ({
  id,
  value,
  done: false,
  created_at: '2026-12-04T00:00:00.000Z',
  updated_at: '2026-12-04T00:00:00.000Z',
});

function handOff(overrides: Partial<InPageHandOff> = {}): InPageHandOff {
  return {
    v: 1,
    app: APP,
    getToken: () => Promise.resolve('the.token'),
    firstToken: Promise.resolve('the.token'),
    firstList: Promise.resolve({ todo_items: [item(1, 'from the loader')] }),
    ...overrides,
  };
}

/** A fetch that answers every call with `items`, recording what was asked. */
function stubApi(items: TodoItem[]): { url: string; authorization: string | null }[] {
  const calls: { url: string; authorization: string | null }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, authorization: new Headers(init.headers).get('authorization') });
    return Promise.resolve(Response.json({ todo_items: items }));
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the in-page API client', () => {
  it('answers the first list() with the loader’s list, and asks the API after that', async () => {
    const calls = stubApi([item(1, 'from the loader'), item(2, 'added since')]);
    const api = inPageApi(handOff());
    expect((await api.list()).map((i) => i.value)).toEqual(['from the loader']);
    expect(calls).toEqual([]);
    expect((await api.list()).map((i) => i.value)).toEqual(['from the loader', 'added since']);
    expect(calls).toEqual([{ url: `${APP}/api/todo_items`, authorization: 'Bearer the.token' }]);
  });

  it('asks the API itself when the loader’s list failed or was no list', async () => {
    for (const firstList of [Promise.resolve(null), Promise.resolve({ error: {} })]) {
      const calls = stubApi([item(3, 'from the API')]);
      const api = inPageApi(handOff({ firstList }));
      expect((await api.list()).map((i) => i.value)).toEqual(['from the API']);
      expect(calls).toHaveLength(1);
    }
  });

  it('reports the loader’s token failures by their code, and sends nothing', async () => {
    const calls = stubApi([]);
    const refused = (code: string) => () => Promise.reject(Object.assign(new Error(), { code }));
    const unavailable = inPageApi(handOff({ firstList: null, getToken: refused('unavailable') }));
    await expect(unavailable.list()).rejects.toMatchObject({ code: 'token_unavailable' });
    const failed = inPageApi(handOff({ firstList: null, getToken: refused('failed') }));
    await expect(failed.add('x', 'key')).rejects.toMatchObject({ code: 'token_failed' });
    const anonymous = inPageApi(handOff({ firstList: null, getToken: null }));
    await expect(anonymous.list()).rejects.toMatchObject({ code: 'token_anonymous' });
    expect(calls).toEqual([]);
  });
});
