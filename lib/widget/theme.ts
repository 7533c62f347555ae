/**
 * Brand options the help center passes in (`data-accent`, `data-font`). They end up in CSS
 * custom properties, so only values that cannot carry anything but a colour or a font family
 * are accepted: a hex colour, and a font list without `url(`, `;`, braces or escapes.
 */
import type { CSSProperties } from 'react';

/** Copenhagen's default brand colour, so the widget looks at home without options. */
export const DEFAULT_ACCENT = '#17494d';

export interface Theme {
  readonly accent?: string;
  readonly font?: string;
}

/** `#rgb` or `#rrggbb` as lower-case `#rrggbb`; anything else is `undefined`. */
export function parseAccent(value: string | undefined | null): string | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!match?.[1]) return undefined;
  const hex = match[1].toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join('')}` : `#${hex}`;
}

/** A CSS font-family list such as `"Noto Sans", Arial, sans-serif`, or `undefined`. */
export function parseFont(value: string | undefined | null): string | undefined {
  const font = (value ?? '').trim();
  return font && font.length <= 200 && /^[\p{L}\p{N} ,'"._-]+$/u.test(font) ? font : undefined;
}

function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or near-black text, whichever reads better on the accent (WCAG contrast ratio). */
export function textColourOn(accent: string): string {
  const l = luminance(accent);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance('#2f3941') + 0.05);
  return onWhite >= onDark ? '#ffffff' : '#2f3941';
}

/** The custom properties the widget's stylesheet reads. */
export function themeStyle(theme: Theme): CSSProperties {
  const accent = parseAccent(theme.accent) ?? DEFAULT_ACCENT;
  const style: Record<string, string> = {
    '--hc-accent': accent,
    '--hc-on-accent': textColourOn(accent),
  };
  const font = parseFont(theme.font);
  if (font) style['--hc-font'] = font;
  return style as CSSProperties;
}
