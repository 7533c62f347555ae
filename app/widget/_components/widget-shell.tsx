'use client';

/**
 * What both embeds show, whoever supplies the token: the iframe's `/widget` page (widget-app.tsx,
 * the token by message from the help center) and script mode's in-page widget (../_in-page/, the
 * token straight from the loader). The title, then the list or why there is none (signed out,
 * plan without help center JWTs, token failure, not embedded), in the locale's language and
 * direction and the help center's brand.
 */
import type { JSX, Ref } from 'react';

import type { Messages } from '@/lib/widget/i18n';
import { localeDirection, messagesFor, resolveLanguage } from '@/lib/widget/i18n';
import { themeStyle, type Theme } from '@/lib/widget/theme';
import { TodosCache } from '@/lib/widget/todos-cache';
import type { TodoItem } from '@/lib/widget/types';
import type { HandOffState } from '@/lib/widget/use-parent';

import { TodoPanel } from './todo-panel';
import styles from './widget.module.css';

export interface WidgetShellProps {
  handOff: HandOffState;
  locale: string | undefined;
  theme: Theme;
  /** The user's list when it was already known before the first render (shown, not fetched). */
  initialItems: TodoItem[] | undefined;
  rootRef?: Ref<HTMLDivElement>;
  /**
   * Script mode: the widget is a section of the help center's page, whose own `<main>` holds it
   * (one main landmark per page); in its iframe it is the document's main content.
   */
  inPage?: boolean;
}

/** The id of the view's landmark in both shells (its title's is `${VIEW_ID}-title`). */
export const VIEW_ID = 'hct-view';

function Body({
  handOff,
  m,
  initialItems,
}: {
  handOff: HandOffState;
  m: Messages;
  initialItems: TodoItem[] | undefined;
}): JSX.Element {
  switch (handOff.phase) {
    case 'ready':
      return (
        <TodosCache items={initialItems}>
          <TodoPanel api={handOff.api} m={m} rendered={initialItems !== undefined} />
        </TodosCache>
      );
    case 'not-embedded':
      return <p className={styles.muted}>{m.notEmbedded}</p>;
    case 'signed-out':
      return (
        <p className={styles.notice}>
          {m.signedOut}{' '}
          {handOff.signInUrl && (
            <a href={handOff.signInUrl} target="_top" className={styles.anchor}>
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
          <button type="button" className={styles.secondary} onClick={handOff.retry}>
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

export function WidgetShell({
  handOff,
  locale,
  theme,
  initialItems,
  rootRef,
  inPage = false,
}: WidgetShellProps): JSX.Element {
  const language = resolveLanguage(locale);
  const m = messagesFor(language);
  const View = inPage ? 'section' : 'main';
  return (
    <div
      ref={rootRef}
      dir={localeDirection(locale)}
      className={styles.root}
      style={themeStyle(theme)}
    >
      <View
        id={VIEW_ID}
        lang={language}
        aria-labelledby={`${VIEW_ID}-title`}
        className={styles.main}
      >
        <h1 id={`${VIEW_ID}-title`} className={styles.title}>
          {m.title}
        </h1>
        <Body handOff={handOff} m={m} initialItems={initialItems} />
      </View>
    </div>
  );
}
