/**
 * The `<html lang dir>` of the widget's document, decided on the server so that its first paint
 * is already in the right language and laid out the right way round (docs/embedding.md). A layout
 * cannot read the query string, so proxy.ts passes `/widget`'s `locale` parameter on in a request
 * header that no client can set (the proxy removes any incoming copy), and app/layout.tsx reads
 * it. The widget keeps both attributes up to date when the help center's config message brings
 * another locale (widget-app.tsx).
 */
import { localeDirection, resolveLanguage, type Direction } from '../widget/i18n';

export const WIDGET_LOCALE_HEADER = 'x-hc-todo-widget-locale';

/** A BCP 47-ish tag (`en-us`, `zh_TW`); anything else is not passed on (nor can break a header). */
const LOCALE = /^[A-Za-z0-9]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}$/;

/** The locale to pass on for a request to `/widget`, or `undefined` when it has none usable. */
export function widgetLocale(searchParams: URLSearchParams): string | undefined {
  const locale = searchParams.get('locale');
  return locale !== null && LOCALE.test(locale) ? locale : undefined;
}

export interface DocumentLocale {
  /** The language of the strings shown: English when the locale has none of its own. */
  lang: string;
  /** The locale's own direction, whatever the strings: a Persian page is `rtl`. */
  dir: Direction;
}

/** The document's language and direction for a request's headers; English, ltr by default. */
export function documentLocale(headers: Pick<Headers, 'get'>): DocumentLocale {
  const locale = headers.get(WIDGET_LOCALE_HEADER);
  return { lang: resolveLanguage(locale), dir: localeDirection(locale) };
}
