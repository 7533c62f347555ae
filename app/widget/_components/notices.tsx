'use client';

/**
 * The two live regions: a polite one that announces what just happened, and an alert for what
 * went wrong with a way to try again. Both stay mounted so screen readers notice new content.
 */
import type { JSX } from 'react';

import type { Messages } from '@/lib/widget/i18n';

import styles from './widget.module.css';

export interface Failure {
  text: string;
  /** Absent when trying again cannot help (e.g. the 500-item limit). */
  retry?: () => void;
}

export function Announcer({ text }: { text: string }): JSX.Element {
  return (
    <div role="status" className={styles.srOnly}>
      {text}
    </div>
  );
}

export interface FailureAlertProps {
  m: Messages;
  failure: Failure | undefined;
  onRetry(): void;
  onDismiss(): void;
}

export function FailureAlert({ m, failure, onRetry, onDismiss }: FailureAlertProps): JSX.Element {
  return (
    <div role="alert" className={styles.alertRegion}>
      {failure && (
        <div className={styles.alert}>
          <p className={styles.alertText}>{failure.text}</p>
          <div className={styles.alertActions}>
            {failure.retry && (
              <button type="button" className={styles.secondary} onClick={onRetry}>
                {m.retry}
              </button>
            )}
            <button type="button" className={styles.link} onClick={onDismiss}>
              {m.dismiss}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
