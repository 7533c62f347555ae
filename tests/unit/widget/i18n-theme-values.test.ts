import { describe, expect, it } from 'vitest';

import { messagesFor, resolveLanguage } from '@/lib/widget/i18n';
import { de } from '@/lib/widget/messages/de';
import { en } from '@/lib/widget/messages/en';
import { es } from '@/lib/widget/messages/es';
import { fr } from '@/lib/widget/messages/fr';
import { ja } from '@/lib/widget/messages/ja';
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
    ['', 'en'],
    [undefined, 'en'],
    ['constructor', 'en'],
    ['__proto__', 'en'],
  ])('%j → %s', (locale, language) => {
    expect(resolveLanguage(locale)).toBe(language);
  });

  it('has every string in every language', () => {
    const keys = Object.keys(en).sort();
    for (const messages of [de, fr, es, ja]) expect(Object.keys(messages).sort()).toEqual(keys);
    expect(messagesFor('ja').title).toBe('ToDo リスト');
  });
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
