/**
 * One custom page to paste into Guide, with this deployment's origin already in it: why to pick
 * it, a copy button, and the text itself in <pre><code> (React escapes it; it is shown, never run).
 */
import type { JSX } from 'react';

import { snippetFor, type SnippetMode } from '@/lib/setup/snippets';

import { CopyButton } from './copy-button';
import styles from './setup.module.css';

const ABOUT: Record<SnippetMode, { title: string; choose: string }> = {
  script: {
    title: 'Script mode',
    choose:
      'Fastest to set up and to load: one tag, and the widget runs in your help center’s page, with this deployment’s code (embed.js and the widget) on your help center’s origin. Pick it when the same team runs the help center and this deployment.',
  },
  iframe: {
    title: 'Iframe mode',
    choose:
      'No external script on the help center page: a short inline script you can read, versioned with your theme; this deployment’s code only runs inside the iframe. Pick it for a production help center or strict change control.',
  },
};

export function SnippetBlock({
  mode,
  origin,
}: {
  mode: SnippetMode;
  origin: string | undefined;
}): JSX.Element {
  const id = `snippet-${mode}`;
  const { title, choose } = ABOUT[mode];
  return (
    <section className={styles.snippet} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p>{choose}</p>
      <CopyButton targetId={id} label={`${title} snippet`} />
      <pre className={styles.code} tabIndex={0} aria-label={`${title} snippet`}>
        <code id={id}>{snippetFor(mode, origin)}</code>
      </pre>
    </section>
  );
}
