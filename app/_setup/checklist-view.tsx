/**
 * The checklist: each item's state in words and a symbol (never colour alone), what was found,
 * and how to fix it.
 */
import type { JSX, ReactNode } from 'react';

import type { CheckItem, CheckState } from '@/lib/setup/checklist';

import styles from './setup.module.css';

const STATE: Record<CheckState, { label: string; symbol: string; className: string }> = {
  ok: { label: 'OK', symbol: '✓', className: styles.ok! },
  problem: { label: 'Problem', symbol: '✗', className: styles.problem! },
  note: { label: 'Note', symbol: 'i', className: styles.note! },
};

/** `text` with variable names (`ZENDESK_SUBDOMAIN`) set as code, the way the README writes them. */
function withNames(text: string): ReactNode[] {
  return text
    .split(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/)
    .map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

export function ChecklistView({ items }: { items: readonly CheckItem[] }): JSX.Element {
  return (
    <ul className={styles.checklist}>
      {items.map((item) => {
        const state = STATE[item.state];
        return (
          <li
            key={item.id}
            className={`${styles.item} ${state.className}`}
            data-check={item.id}
            data-state={item.state}
          >
            <h3 className={styles.itemTitle}>
              <span className={styles.badge}>
                <span aria-hidden="true">{state.symbol} </span>
                {state.label}
              </span>{' '}
              {item.title}
            </h3>
            <p>{withNames(item.detail)}</p>
            {item.list && (
              <ul className={styles.values}>
                {item.list.map((value) => (
                  <li key={value}>
                    <code>{value}</code>
                  </li>
                ))}
              </ul>
            )}
            {item.fixes && item.fixes.length > 0 && (
              <div className={styles.fix}>
                <p className={styles.fixLabel}>What to do</p>
                <ul>
                  {item.fixes.map((fix) => (
                    <li key={fix}>{withNames(fix)}</li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
