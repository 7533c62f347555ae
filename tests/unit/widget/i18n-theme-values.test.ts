import { describe, expect, it } from 'vitest';

import { LANGUAGES, localeDirection, messagesFor, resolveLanguage } from '@/lib/widget/i18n';
import { en } from '@/lib/widget/messages/en';
import { parseAccent, parseFont, textColourOn, themeStyle } from '@/lib/widget/theme';
import { codePointLength } from '@/lib/limits';
import { checkValue } from '@/lib/widget/check-value';

describe('resolveLanguage', () => {
  it.each([
    ['en-us', 'en'],
    ['de', 'de'],
    ['de-CH', 'de'],
    ['fr_ca', 'fr'],
    ['es-419', 'es'],
    ['ja', 'ja'],
    ['pt-br', 'en'],
    ['ar', 'ar'],
    ['ar-EG', 'ar'],
    ['he', 'he'],
    ['iw', 'he'], // Hebrew's withdrawn code, still sent by some systems
    ['iw-IL', 'he'],
    ['fa', 'en'], // right to left, but no strings of its own (docs/embedding.md)
    ['ur-pk', 'en'],
    ['arn', 'en'], // Mapuche, not Arabic
    ['', 'en'],
    [undefined, 'en'],
    ['constructor', 'en'],
    ['__proto__', 'en'],
  ])('%j → %s', (locale, language) => {
    expect(resolveLanguage(locale)).toBe(language);
  });

  it('has strings for at least the languages docs/embedding.md names', () => {
    expect([...LANGUAGES].sort()).toEqual(
      expect.arrayContaining(['ar', 'de', 'en', 'es', 'fr', 'he', 'ja']),
    );
  });

  it.each(LANGUAGES)('%s has exactly English’s strings, each of the same shape', (language) => {
    const m = messagesFor(language);
    expect(Object.keys(m).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(en)) {
      const own: unknown = m[key as keyof typeof m];
      expect(typeof own, key).toBe(typeof value);
      if (typeof value === 'function') expect((own as typeof value).length, key).toBe(value.length);
      else expect((own as string).trim(), key).not.toBe('');
    }
    expect(messagesFor('ja').title).toBe('ToDo リスト');
  });

  it.each(LANGUAGES)('%s names each item’s buttons with their visible word in it', (language) => {
    // WCAG 2.5.3 (axe: label-content-name-mismatch): a voice user says what they see.
    const m = messagesFor(language);
    expect(m.editNamed('x').toLowerCase()).toContain(m.edit.toLowerCase());
    expect(m.deleteNamed('x').toLowerCase()).toContain(m.delete.toLowerCase());
  });

  it('counts in Arabic with its own forms for 1, 2, 3–10 and 11+', () => {
    const { openCount } = messagesFor('ar');
    expect(openCount(1)).toBe('مهمة واحدة مفتوحة');
    expect(openCount(2)).toBe('مهمتان مفتوحتان');
    expect(openCount(3)).toBe('3 مهام مفتوحة');
    expect(openCount(11)).toBe('11 مهمة مفتوحة');
    expect(openCount(103)).toBe('103 مهام مفتوحة');
  });

  it('isolates the user’s text inside right-to-left sentences', () => {
    expect(messagesFor('he').added('Call Bob!')).toBe('המשימה "\u2068Call Bob!\u2069" נוספה.');
    expect(messagesFor('ar').deleted('x')).toBe('تم حذف «\u2068x\u2069».');
  });
});

describe('localeDirection', () => {
  it.each(['ar', 'ar-SA', 'he', 'he-IL', 'iw', 'fa', 'fa_IR', 'ur', 'ckb', 'yi'])(
    '%s is right to left',
    (locale) => {
      expect(localeDirection(locale)).toBe('rtl');
    },
  );

  it.each(['en-us', 'de', 'ja', 'pt-br', 'arn', 'hr', '', undefined, null, '__proto__'])(
    '%j is left to right',
    (locale) => {
      expect(localeDirection(locale)).toBe('ltr');
    },
  );
});

describe('theme', () => {
  it('accepts hex colours only', () => {
    expect(parseAccent('#ABC')).toBe('#aabbcc');
    expect(parseAccent(' #17494D ')).toBe('#17494d');
    for (const bad of [
      'red',
      'url(https://evil/)',
      '#12345',
      '#1234567',
      'rgb(0,0,0)',
      '#fff;x:y',
    ]) {
      expect(parseAccent(bad)).toBeUndefined();
    }
  });

  it('accepts font lists but nothing that could leave the declaration or load a URL', () => {
    expect(parseFont('"Noto Sans", Arial, sans-serif')).toBe('"Noto Sans", Arial, sans-serif');
    for (const bad of ['x; background: url(//evil)', 'a{}', 'url(x)', 'a\\62', 'x'.repeat(201)]) {
      expect(parseFont(bad)).toBeUndefined();
    }
  });

  it('picks readable text for the accent and falls back to Copenhagen', () => {
    expect(textColourOn('#17494d')).toBe('#ffffff');
    expect(textColourOn('#ffe066')).toBe('#2f3941');
    expect(themeStyle({ accent: 'javascript:alert(1)' })).toEqual({
      '--hc-accent': '#17494d',
      '--hc-on-accent': '#ffffff',
    });
  });
});

describe('checkValue', () => {
  it('mirrors the API: trimmed, non-empty, at most 500 code points', () => {
    expect(checkValue('   ')).toEqual({ kind: 'empty' });
    expect(checkValue(` ${'a'.repeat(500)} `)).toBeUndefined();
    expect(checkValue('a'.repeat(501))).toEqual({ kind: 'too_long', length: 501 });
    expect(checkValue('😀'.repeat(500))).toBeUndefined();
    expect(codePointLength('😀a')).toBe(2);
  });
});
