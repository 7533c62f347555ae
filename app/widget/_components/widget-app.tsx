'use client';

/**
 * The widget's root: connects to the embedding help center page, applies its locale and brand,
 * reports its height, and shows either the list or why there is none (signed out, plan without
 * help center JWTs, token failure, not embedded).
 */
import { useEffect, useRef, type JSX } from 'react';

import { messagesFor, resolveLanguage, type Messages } from '@/lib/widget/i18n';
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
}

function Body({ parent, m }: { parent: ParentState; m: Messages }): JSX.Element {
  switch (parent.phase) {
    case 'ready':
      return parent.api ? <TodoPanel api={parent.api} m={m} /> : <></>;
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
  const parent = useParent(props.allowedOrigins);
  const language = resolveLanguage(parent.config.locale ?? props.locale);
  const m = messagesFor(language);
  const root = useRef<HTMLDivElement>(null);
  useResizeReport(root, parent.post);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = m.title;
  }, [language, m]);

  const style = themeStyle({
    accent: parent.config.accent ?? props.accent,
    font: parent.config.font ?? props.font,
  });

  return (
    <div ref={root} className={styles.root} style={style}>
      <main lang={language} className={styles.main}>
        <h1 className={styles.title}>{m.title}</h1>
        <Body parent={parent} m={m} />
      </main>
    </div>
  );
}
