/**
 * What a help center locale (`en-us`, `ar`, `he`, `pt-br`, …) says about the page before any
 * strings are chosen: its primary language and its writing direction. Pure and catalogue-free,
 * so the server (app/layout.tsx) can mark up the widget's document without loading every
 * language's strings.
 */

export type Direction = 'ltr' | 'rtl';

/**
 * Languages written right to left. docs/embedding.md names `ar`, `he`, `fa` and `ur`; the others
 * are the remaining right-to-left languages a help center could plausibly be served in.
 */
const RIGHT_TO_LEFT: ReadonlySet<string> = new Set([
  'ar', // Arabic
  'he', // Hebrew
  'fa', // Persian
  'ur', // Urdu
  'ps', // Pashto
  'yi', // Yiddish
  'ckb', // Central Kurdish (Sorani)
  'sd', // Sindhi
  'dv', // Dhivehi
  'ug', // Uyghur
]);

/** Codes ISO 639 has retired that browsers and older systems still send (Java's `iw`, …). */
const LEGACY: Readonly<Record<string, string>> = { iw: 'he', ji: 'yi', in: 'id' };

/** The locale's primary language subtag in lower case, legacy codes mapped (`iw-IL` → `he`). */
export function primaryLanguage(locale: string | undefined | null): string {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(LEGACY, primary) ? (LEGACY[primary] ?? primary) : primary;
}

/**
 * The direction the widget is laid out in for a help center locale: the locale's own, even when the
 * widget has no strings in its language (docs/embedding.md: a Persian page gets English text, laid
 * out right to left like the page around it). @default 'ltr' for anything unknown.
 */
export function localeDirection(locale: string | undefined | null): Direction {
  return RIGHT_TO_LEFT.has(primaryLanguage(locale)) ? 'rtl' : 'ltr';
}
