'use client';

/**
 * The widget's root: connects to the embedding help center page, applies its locale (language
 * and direction) and brand, reports its height, and shows either the list or why there is none
 * (signed out, plan without help center JWTs, token failure, not embedded).
 */
import { useEffect, useRef, type JSX } from 'react';

import { localeDirection, messagesFor, resolveLanguage, type Messages } from '@/lib/widget/i18n';
import { TodosCache } from '@/lib/widget/todos-cache';
import type { TodoItem } from '@/lib/widget/types';
import type { FirstView } from '@/lib/widget-server/first-view';
import { themeStyle } from '@/lib/widget/theme';
import { useParent, type ParentState } from '@/lib/widget/use-parent';
import { useResizeReport } from '@/lib/widget/use-resize-report';

import { TodoPanel } from './todo-panel';
import styles from './widget.module.css';

export interface WidgetAppProps {
  /** ALLOWED_ORIGINS, rendered by the server: the only parents the widget will talk to. */
  allowedOrigins: string[];
  /** Options from the iframe URL (script mode); the parent's config message overrides them. */
  locale?: string;
  accent?: string;
  font?: string;
  /** What the server rendered for a help center page that opened the widget with a token. */
  first?: FirstView;
}

function Body({
  parent,
  m,
  initialItems,
}: {
  parent: ParentState;
  m: Messages;
  initialItems: TodoItem[] | undefined;
}): JSX.Element {
  switch (parent.phase) {
    case 'ready':
      return (
        <TodosCache items={initialItems}>
          <TodoPanel api={parent.api} m={m} rendered={initialItems !== undefined} />
        </TodosCache>
      );
    case 'not-embedded':
      return <p className={styles.muted}>{m.notEmbedded}</p>;
    case 'signed-out':
      return (
        <p className={styles.notice}>
          {m.signedOut}{' '}
          {parent.signInUrl && (
            <a href={parent.signInUrl} target="_top" className={styles.anchor}>
              {m.signIn}
            </a>
          )}
        </p>
      );
    case 'unavailable':
      return (
        <p role="alert" className={styles.notice}>
          {m.featureUnavailable}
        </p>
      );
    case 'failed':
      return (
        <div role="alert" className={styles.alert}>
          <p className={styles.alertText}>{m.signInFailed}</p>
          <button type="button" className={styles.secondary} onClick={parent.retry}>
            {m.retry}
          </button>
        </div>
      );
    case 'connecting':
      return (
        <p className={styles.muted} aria-busy="true">
          {m.connecting}
        </p>
      );
  }
}

export function WidgetApp(props: WidgetAppProps): JSX.Element {
  const parent = useParent(props.allowedOrigins, props.first?.phase);
  const initialItems = props.first?.phase === 'ready' ? props.first.items : undefined;
  const locale = parent.config.locale ?? props.locale;
  const language = resolveLanguage(locale);
  const dir = localeDirection(locale);
  const m = messagesFor(language);
  const root = useRef<HTMLDivElement>(null);
  useResizeReport(root, parent.post);

  // Opened by a POST carrying the token: rewrite the history entry in place so that reloading
  // the frame asks with a plain GET (the hand-off then runs by message) instead of re-sending it.
  useEffect(() => {
    window.history.replaceState(window.history.state, '', window.location.href);
  }, []);

  // The server rendered <html lang dir> from the URL's locale (app/layout.tsx); a locale that
  // arrives later in the help center's config message takes over here.
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = dir;
    document.title = m.title;
  }, [language, dir, m]);

  const style = themeStyle({
    accent: parent.config.accent ?? props.accent,
    font: parent.config.font ?? props.font,
  });

  return (
    <div ref={root} className={styles.root} style={style}>
      <main lang={language} className={styles.main}>
        <h1 className={styles.title}>{m.title}</h1>
        <Body parent={parent} m={m} initialItems={initialItems} />
      </main>
    </div>
  );
}
