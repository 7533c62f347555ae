'use client';

/**
 * TodoMVC's list controls: "Mark all as complete" above the list, and the All / Active /
 * Completed filter in the footer. The filter is the panel's own state, not the URL: the widget
 * lives in an iframe whose URL the help center page owns.
 */
import type { JSX } from 'react';

import type { Messages } from '@/lib/widget/i18n';
import type { TodoItem } from '@/lib/widget/types';

import styles from './widget.module.css';

export type Filter = 'all' | 'active' | 'completed';

export const FILTERS: readonly Filter[] = ['all', 'active', 'completed'];

export const TOGGLE_ALL_ID = 'hct-toggle-all';

/** The items `filter` shows. */
export function applyFilter(items: readonly TodoItem[], filter: Filter): TodoItem[] {
  if (filter === 'all') return [...items];
  return items.filter((item) => item.done === (filter === 'completed'));
}

export interface ToggleAllProps {
  m: Messages;
  /** Checked when every item is done; then a click marks every item as not done. */
  allDone: boolean;
  disabled: boolean;
  onToggle(done: boolean): void;
}

export function ToggleAll({ m, allDone, disabled, onToggle }: ToggleAllProps): JSX.Element {
  return (
    <div className={styles.toggleAll}>
      <input
        type="checkbox"
        id={TOGGLE_ALL_ID}
        className={styles.checkbox}
        checked={allDone}
        disabled={disabled}
        onChange={() => onToggle(!allDone)}
      />
      <label htmlFor={TOGGLE_ALL_ID}>{m.toggleAll}</label>
    </div>
  );
}

export interface FilterBarProps {
  m: Messages;
  filter: Filter;
  onChange(filter: Filter): void;
}

/** Three toggle buttons; `aria-pressed` tells a screen reader which one is on. */
export function FilterBar({ m, filter, onChange }: FilterBarProps): JSX.Element {
  const names: Record<Filter, string> = {
    all: m.filterAll,
    active: m.filterActive,
    completed: m.filterCompleted,
  };
  return (
    <div role="group" aria-label={m.filterLabel} className={styles.filters}>
      {FILTERS.map((value) => (
        <button
          key={value}
          type="button"
          className={styles.filter}
          aria-pressed={filter === value}
          onClick={() => onChange(value)}
        >
          {names[value]}
        </button>
      ))}
    </div>
  );
}
