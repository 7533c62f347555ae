'use client';
/**
 * Copies the text of the element `targetId` (the snippet as shown) to the clipboard. Progressive
 * enhancement: rendered hidden, shown once React is running, so with JavaScript off there is no
 * button that does nothing — the snippet can still be selected and copied by hand.
 */
import { useState, type JSX } from 'react';

import { useHydrated } from '@/lib/widget/use-hydrated';

import styles from './setup.module.css';

export function CopyButton({ targetId, label }: { targetId: string; label: string }): JSX.Element {
  const hydrated = useHydrated();
  const [said, setSaid] = useState('');

  async function copy(): Promise<void> {
    const target = document.getElementById(targetId);
    const text = target?.textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      setSaid(`${label} copied.`);
    } catch {
      // No clipboard access (a plain-http origin, a denied permission): select the text instead,
      // so Ctrl+C / ⌘C copies it.
      if (target) window.getSelection()?.selectAllChildren(target);
      setSaid('Press Ctrl+C (⌘C on a Mac) to copy the selected snippet.');
    }
  }

  return (
    <div className={styles.copyRow}>
      <button type="button" className={styles.copyButton} hidden={!hydrated} onClick={copy}>
        Copy {label.toLowerCase()}
      </button>
      <span role="status" className={styles.copyStatus}>
        {said}
      </span>
    </div>
  );
}
