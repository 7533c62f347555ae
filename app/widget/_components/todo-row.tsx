'use client';

/**
 * One item: a checkbox labelled by the item's text, then Edit and Delete. In edit mode the text
 * becomes a field where Enter saves and Escape cancels. The value is only ever a text node.
 */
import type { JSX } from 'react';

import type { Messages } from '@/lib/widget/i18n';
import type { TodoItem } from '@/lib/widget/types';

import styles from './widget.module.css';

/**
 * Element Timing (not yet in React's types): the browser records when an item's text is first
 * painted, which is what `npm run bench` reports (scripts/first-items/probe.mjs).
 */
const ITEM_TIMING = { elementtiming: 'todo-item' } as Record<string, string>;

export interface TodoRowProps {
  item: TodoItem;
  m: Messages;
  /** The text being edited, when this row is in edit mode. */
  draft: string | undefined;
  /** Why the draft cannot be saved, if it cannot. */
  problem: string | undefined;
  onToggle(): void;
  onEdit(): void;
  onDraft(value: string): void;
  onSave(): void;
  onCancel(): void;
  onDelete(): void;
}

/** Ids the panel uses to move focus after a change. */
export const rowIds = {
  checkbox: (id: number): string => `hct-item-${id}`,
  editButton: (id: number): string => `hct-edit-${id}`,
  editInput: 'hct-edit-input',
  editHint: 'hct-edit-hint',
};

export function TodoRow(props: TodoRowProps): JSX.Element {
  const { item, m, draft, problem } = props;
  // A row not yet confirmed by the server has no real id to act on.
  const pending = item.id < 0;

  if (draft !== undefined) {
    return (
      <li className={styles.item}>
        <form
          className={styles.editForm}
          onSubmit={(event) => {
            event.preventDefault();
            props.onSave();
          }}
        >
          <input
            id={rowIds.editInput}
            className={styles.input}
            aria-label={m.editLabel}
            aria-invalid={problem ? true : undefined}
            aria-describedby={rowIds.editHint}
            value={draft}
            autoComplete="off"
            onChange={(event) => props.onDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                props.onCancel();
              }
            }}
          />
          <button type="submit" className={styles.primary}>
            {m.save}
          </button>
          <button type="button" className={styles.secondary} onClick={props.onCancel}>
            {m.cancel}
          </button>
          <p id={rowIds.editHint} className={styles.problem}>
            {problem}
          </p>
        </form>
      </li>
    );
  }

  return (
    <li className={styles.item} data-done={item.done || undefined}>
      <input
        type="checkbox"
        id={rowIds.checkbox(item.id)}
        className={styles.checkbox}
        checked={item.done}
        disabled={pending}
        onChange={props.onToggle}
      />
      <label htmlFor={rowIds.checkbox(item.id)} className={styles.text} {...ITEM_TIMING}>
        {item.value}
      </label>
      <button
        type="button"
        id={rowIds.editButton(item.id)}
        className={styles.link}
        disabled={pending}
        aria-label={m.editNamed(item.value)}
        onClick={props.onEdit}
      >
        {m.edit}
      </button>
      <button
        type="button"
        className={styles.link}
        disabled={pending}
        aria-label={m.deleteNamed(item.value)}
        onClick={props.onDelete}
      >
        {m.delete}
      </button>
    </li>
  );
}
