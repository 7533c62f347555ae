/**
 * Picks the widget's language from the help center locale (`en-us`, `de`, `pt-br`, …), falling
 * back to English, so a page in an unsupported language still works. The direction comes from
 * the locale itself (locale.ts), not from the strings chosen.
 */
import { ar } from './messages/ar';
import { de } from './messages/de';
import { en } from './messages/en';
import { es } from './messages/es';
import { fr } from './messages/fr';
import { he } from './messages/he';
import { ja } from './messages/ja';
import type { Messages } from './messages/types';
import { primaryLanguage } from './locale';

export type { Messages } from './messages/types';
export { localeDirection, type Direction } from './locale';

const CATALOG = { en, de, fr, es, ja, ar, he } as const;

export type Language = keyof typeof CATALOG;

/** Every language the widget has strings for. */
export const LANGUAGES = Object.keys(CATALOG) as readonly Language[];

/** The supported language of a help center locale such as `de-ch` (`iw` is `he`); else `en`. */
export function resolveLanguage(locale: string | undefined | null): Language {
  const primary = primaryLanguage(locale);
  return Object.hasOwn(CATALOG, primary) ? (primary as Language) : 'en';
}

/** The strings of one language. */
export function messagesFor(language: Language): Messages {
  return CATALOG[language];
}
