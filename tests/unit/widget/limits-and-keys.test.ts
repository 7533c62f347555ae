import { describe, expect, it } from 'vitest';

import { IDEMPOTENCY_KEY_PATTERN, MAX_ITEMS_PER_USER, normaliseValue } from '@/lib/limits';
import { LANGUAGES, messagesFor } from '@/lib/widget/i18n';
import { newIdempotencyKey } from '@/lib/widget/idempotency-key';

describe('newIdempotencyKey', () => {
  it('makes keys the API accepts, a new one every time', () => {
    const keys = Array.from({ length: 1000 }, newIdempotencyKey);
    for (const key of keys) {
      expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
      expect(key).toHaveLength(22);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('normaliseValue', () => {
  it('trims as the API does', () => {
    expect(normaliseValue('  a b \n\t')).toBe('a b');
    expect(normaliseValue('\u00a0x\u3000')).toBe('x');
  });
});

describe('messages and limits', () => {
  it.each(LANGUAGES)('%s takes every limit as a parameter', (language) => {
    const m = messagesFor(language);
    expect(m.limitReached(123)).toContain('123');
    expect(m.tooLong(7, 321)).toContain('321');
    // No catalogue spells out a limit: every string is free of the number.
    const texts = Object.values(m).filter((v): v is string => typeof v === 'string');
    for (const text of texts) expect(text).not.toContain(String(MAX_ITEMS_PER_USER));
    expect(m.limitReached(MAX_ITEMS_PER_USER)).toContain(String(MAX_ITEMS_PER_USER));
  });

  it.each(LANGUAGES)('%s says what erasing loses and that it is final', (language) => {
    const m = messagesFor(language);
    expect(m.confirmText(3)).toContain('3');
    expect(m.downloaded('hc-todo-export.json')).toContain('hc-todo-export.json');
  });
});
