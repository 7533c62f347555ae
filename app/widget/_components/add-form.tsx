'use client';

/** The new-item field: Enter or the button adds; limits are explained before any round trip. */
import type { JSX } from 'react';

import type { Messages } from '@/lib/widget/i18n';

import styles from './widget.module.css';

export const ADD_INPUT_ID = 'hct-new';
const HINT_ID = 'hct-new-hint';

export interface AddFormProps {
  m: Messages;
  value: string;
  problem: string | undefined;
  onChange(value: string): void;
  onSubmit(): void;
}

export function AddForm({ m, value, problem, onChange, onSubmit }: AddFormProps): JSX.Element {
  return (
    <form
      className={styles.addForm}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor={ADD_INPUT_ID} className={styles.label}>
        {m.newLabel}
      </label>
      <div className={styles.addRow}>
        <input
          id={ADD_INPUT_ID}
          className={styles.input}
          value={value}
          placeholder={m.newPlaceholder}
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={HINT_ID}
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="submit" className={styles.primary}>
          {m.add}
        </button>
      </div>
      <p id={HINT_ID} className={styles.problem} aria-live="polite">
        {problem}
      </p>
    </form>
  );
}
