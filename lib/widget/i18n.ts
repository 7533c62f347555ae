/**
 * Picks the widget's language from the help center locale (`en-us`, `de`, `pt-br`, …), falling
 * back to English, so a page in an unsupported language still works.
 */
import { de } from './messages/de';
import { en } from './messages/en';
import { es } from './messages/es';
import { fr } from './messages/fr';
import { ja } from './messages/ja';
import type { Messages } from './messages/types';

export type { Messages } from './messages/types';

const CATALOG = { en, de, fr, es, ja } as const;

export type Language = keyof typeof CATALOG;

/** The supported language of a help center locale such as `de-ch`; `en` when unsupported. */
export function resolveLanguage(locale: string | undefined | null): Language {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(CATALOG, primary) ? (primary as Language) : 'en';
}

/** The strings of one language. */
export function messagesFor(language: Language): Messages {
  return CATALOG[language];
}
