/**
 * The production `GET /` (docs/embedding.md): what this deployment's state is and how to
 * add it to a help center. Server-rendered and complete without JavaScript; only the copy
 * buttons need it.
 */
import type { JSX } from 'react';

import type { CheckItem } from '@/lib/setup/checklist';
import { APP_URL_PLACEHOLDER } from '@/lib/preview/help-center-page';

import { ChecklistView } from './checklist-view';
import { GuideSteps } from './guide-steps';
import styles from './setup.module.css';
import { SnippetBlock } from './snippet-block';

export interface SetupPageProps {
  readonly items: readonly CheckItem[];
  /** This deployment's origin, or undefined when none could be trusted. */
  readonly origin: string | undefined;
}

export function SetupPage({ items, origin }: SetupPageProps): JSX.Element {
  const problems = items.filter((item) => item.state === 'problem').length;
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1>hc-todo setup</h1>
        <p>
          A per-user to-do list for Zendesk help centers. This page checks this deployment and gives
          you the custom page to paste into your help center. It shows no secret and no value of
          your configuration, only variable names.
        </p>
      </header>
      <main>
        <section aria-labelledby="checks-title" className={styles.section}>
          <h2 id="checks-title">Checklist</h2>
          <p className={problems > 0 ? styles.summaryProblem : styles.summaryOk}>
            {problems > 0
              ? `${problems} ${problems === 1 ? 'problem needs' : 'problems need'} fixing before the to-do list can work.`
              : 'Everything needed is in place.'}
          </p>
          <ChecklistView items={items} />
        </section>
        <section aria-labelledby="guide-title" className={styles.section}>
          <h2 id="guide-title">Add the to-do list to your help center</h2>
          {!origin && (
            <p className={styles.warning}>
              This deployment’s address could not be determined from the request: replace{' '}
              <code>{APP_URL_PLACEHOLDER}</code> in the snippet with its URL.
            </p>
          )}
          <GuideSteps origin={origin} />
          <SnippetBlock mode="script" origin={origin} />
          <SnippetBlock mode="iframe" origin={origin} />
        </section>
      </main>
      <footer className={styles.footer}>
        <a href="/api/health">Health check (/api/health)</a> · Help center JWTs need Guide
        Enterprise or Suite Enterprise.
      </footer>
    </div>
  );
}
