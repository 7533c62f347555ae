'use client';

/**
 * "Your data": download everything the service keeps about the user as the export
 * file, or erase it after a confirmation that says what is lost and that it cannot be undone.
 *
 * The confirmation is an in-page alert dialog rather than a `<dialog>` in the top layer: the
 * iframe is only as tall as its content, and a centred modal could be cut off. While it is open
 * the rest of the widget is `inert` (the panel does that), focus starts on Cancel (the harmless
 * choice), Escape cancels, and focus goes back to the button that opened it.
 */
import { useLayoutEffect, useRef, useState, type JSX } from 'react';

import { EXPORT_FILE_NAME, type TodoApi } from '@/lib/widget/api-client';
import type { Messages } from '@/lib/widget/i18n';
import { saveFile } from '@/lib/widget/save-file';

import { ADD_INPUT_ID } from './add-form';
import styles from './widget.module.css';

const DELETE_ALL_ID = 'hct-delete-all';
const TITLE_ID = 'hct-confirm-title';
const TEXT_ID = 'hct-confirm-text';

/** How the panel reports outcomes: its live regions, its alert and its focus handling. */
export interface Feedback {
  announce(text: string): void;
  fail(action: string, error: unknown, retry: () => void): void;
  clear(): void;
  focusLater(id: string): void;
}

export interface PrivacySectionProps {
  m: Messages;
  api: TodoApi;
  /** How many items would be lost, for the confirmation. */
  itemCount: number;
  confirming: boolean;
  onConfirming(open: boolean): void;
  /** The optimistic erase of useTodos: the list empties at once. */
  eraseAll(): Promise<void>;
  /** Called as the erase starts (the panel resets its filter). */
  onErasing(): void;
  feedback: Feedback;
}

export function PrivacySection(props: PrivacySectionProps): JSX.Element {
  const { m, api, confirming, feedback } = props;
  const [downloading, setDownloading] = useState(false);

  const download = (): void => {
    if (downloading) return;
    setDownloading(true);
    feedback.clear();
    api
      .exportData()
      .then(
        (file) => {
          saveFile(file, EXPORT_FILE_NAME);
          feedback.announce(m.downloaded(EXPORT_FILE_NAME));
        },
        (error: unknown) => feedback.fail(m.downloadFailed, error, download),
      )
      .finally(() => setDownloading(false));
  };

  const erase = (): void => {
    props.onConfirming(false);
    props.onErasing();
    feedback.clear();
    feedback.focusLater(ADD_INPUT_ID);
    props.eraseAll().then(
      () => feedback.announce(m.erased),
      (error: unknown) => feedback.fail(m.eraseFailed, error, erase),
    );
  };

  return (
    <section aria-labelledby="hct-your-data" className={styles.privacy}>
      <h2 id="hct-your-data" className={styles.subtitle}>
        {m.yourData}
      </h2>
      <div className={styles.privacyActions} inert={confirming}>
        <button type="button" className={styles.link} disabled={downloading} onClick={download}>
          {m.download}
        </button>
        <button
          type="button"
          id={DELETE_ALL_ID}
          className={`${styles.link} ${styles.danger}`}
          onClick={() => props.onConfirming(true)}
        >
          {m.deleteAll}
        </button>
      </div>
      {confirming && (
        <ConfirmErase
          m={m}
          itemCount={props.itemCount}
          onCancel={() => {
            props.onConfirming(false);
            feedback.focusLater(DELETE_ALL_ID);
          }}
          onConfirm={erase}
        />
      )}
    </section>
  );
}

interface ConfirmEraseProps {
  m: Messages;
  itemCount: number;
  onCancel(): void;
  onConfirm(): void;
}

function ConfirmErase({ m, itemCount, onCancel, onConfirm }: ConfirmEraseProps): JSX.Element {
  const cancel = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => cancel.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={TITLE_ID}
      aria-describedby={TEXT_ID}
      className={styles.confirm}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={TITLE_ID} className={styles.confirmTitle}>
        {m.confirmTitle}
      </h3>
      <p id={TEXT_ID} className={styles.alertText}>
        {m.confirmText(itemCount)}
      </p>
      <div className={styles.alertActions}>
        <button type="button" ref={cancel} className={styles.secondary} onClick={onCancel}>
          {m.cancel}
        </button>
        <button type="button" className={styles.dangerButton} onClick={onConfirm}>
          {m.confirmDelete}
        </button>
      </div>
    </div>
  );
}
