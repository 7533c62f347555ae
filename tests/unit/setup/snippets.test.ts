/**
 * The setup page's snippets are the shipped custom pages with this deployment's origin in place
 * of the placeholder — exactly once each, nothing else changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { APP_URL_PLACEHOLDER } from '@/lib/preview/help-center-page';
import { snippetFor } from '@/lib/setup/snippets';

const ROOT = path.resolve(path.dirname(__filename), '../../..');
const shipped = (file: string): string =>
  fs.readFileSync(path.join(ROOT, 'theme-snippet', file), 'utf8');

describe('snippetFor', () => {
  it.each([
    ['script', 'todo-list.hbs'],
    ['iframe', 'todo-list-iframe.hbs'],
  ] as const)('%s mode: the shipped %s with the origin in place', (mode, file) => {
    const origin = 'https://hc-todo-acme.vercel.app';
    const text = snippetFor(mode, origin);
    expect(text).toBe(shipped(file).replace(APP_URL_PLACEHOLDER, origin));
    expect(text).not.toContain(APP_URL_PLACEHOLDER);
    expect(text.split(origin)).toHaveLength(2);
  });

  it('keeps the placeholder when there is no trustworthy origin', () => {
    expect(snippetFor('script', undefined)).toBe(shipped('todo-list.hbs'));
  });
});
