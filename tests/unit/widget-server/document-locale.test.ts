import { describe, expect, it } from 'vitest';

import {
  documentLocale,
  WIDGET_LOCALE_HEADER,
  widgetLocale,
} from '@/lib/widget-server/document-locale';

const withLocale = (locale: string | null): Pick<Headers, 'get'> =>
  new Headers(locale === null ? {} : { [WIDGET_LOCALE_HEADER]: locale });

describe('documentLocale', () => {
  it.each([
    ['ar', { lang: 'ar', dir: 'rtl' }],
    ['he-il', { lang: 'he', dir: 'rtl' }],
    ['iw', { lang: 'he', dir: 'rtl' }],
    // No Persian strings: English text, but laid out like the page around it (docs/embedding.md).
    ['fa', { lang: 'en', dir: 'rtl' }],
    ['ur', { lang: 'en', dir: 'rtl' }],
    ['de-ch', { lang: 'de', dir: 'ltr' }],
    ['pt-br', { lang: 'en', dir: 'ltr' }],
    [null, { lang: 'en', dir: 'ltr' }],
  ])('%j → %j', (locale, expected) => {
    expect(documentLocale(withLocale(locale))).toEqual(expected);
  });
});

describe('widgetLocale', () => {
  it.each([
    ['locale=ar', 'ar'],
    ['locale=en-us&accent=%23fff', 'en-us'],
    ['locale=zh_TW', 'zh_TW'],
    ['accent=%23fff', undefined],
    ['locale=', undefined],
    // Nothing that could break or smuggle a header, and nothing absurdly long.
    ['locale=ar%0D%0Ax-evil:%201', undefined],
    ['locale=ar%20he', undefined],
    [`locale=${'a'.repeat(60)}`, undefined],
  ])('%s → %s', (query, expected) => {
    expect(widgetLocale(new URLSearchParams(query))).toBe(expected);
  });
});
