'use client';

/**
 * The iframe's widget (`/widget`): connects to the embedding help center page, which sends the
 * token, locale and brand by message, reports its height so the iframe fits it, and shows the
 * shared view (widget-shell.tsx).
 */
import { useEffect, useRef, type JSX } from 'react';

import { localeDirection, messagesFor, resolveLanguage } from '@/lib/widget/i18n';
import { useParent } from '@/lib/widget/use-parent';
import { useResizeReport } from '@/lib/widget/use-resize-report';
import type { FirstView } from '@/lib/widget-server/first-view';

import { WidgetShell } from './widget-shell';

export interface WidgetAppProps {
  /** ALLOWED_ORIGINS, rendered by the server: the only parents the widget will talk to. */
  allowedOrigins: string[];
  /** Options from the iframe URL; the parent's config message overrides them. */
  locale?: string;
  accent?: string;
  font?: string;
  /** What the server rendered for a help center page that opened the widget with a token. */
  first?: FirstView;
}

export function WidgetApp(props: WidgetAppProps): JSX.Element {
  const parent = useParent(props.allowedOrigins, props.first?.phase);
  const locale = parent.config.locale ?? props.locale;
  const root = useRef<HTMLDivElement>(null);
  useResizeReport(root, parent.post);

  // Opened by a POST carrying the token: rewrite the history entry in place so that reloading
  // the frame asks with a plain GET (the hand-off then runs by message) instead of re-sending it.
  useEffect(() => {
    window.history.replaceState(window.history.state, '', window.location.href);
  }, []);

  // The server rendered <html lang dir> from the URL's locale (app/layout.tsx); a locale that
  // arrives later in the help center's config message takes over here.
  const language = resolveLanguage(locale);
  const dir = localeDirection(locale);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = dir;
    document.title = messagesFor(language).title;
  }, [language, dir]);

  return (
    <WidgetShell
      handOff={parent}
      locale={locale}
      theme={{
        accent: parent.config.accent ?? props.accent,
        font: parent.config.font ?? props.font,
      }}
      initialItems={props.first?.phase === 'ready' ? props.first.items : undefined}
      rootRef={root}
    />
  );
}
