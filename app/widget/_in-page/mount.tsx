/**
 * Script mode's widget, in the help center page: the bundle public/embed/widget.js is built from
 * this file (scripts/build-widget.mjs, esbuild: Next builds pages, not a library a foreign page
 * can import). The loader (public/embed.js) has created an open shadow root in #hc-todo — open
 * so assistive technology and tests reach it, a shadow root so neither the help center's styles
 * nor ours leak across — and calls `mount` with its hand-off. The view is the iframe's own
 * (widget-shell.tsx); only the token source differs.
 */
import './in-page.css';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { JSX } from 'react';

import { itemsOfListBody, tokenErrorCode, type InPageHandOff } from '@/lib/widget/in-page-hand-off';
import type { TodoItem } from '@/lib/widget/types';
import { useHostPage } from '@/lib/widget/use-host-page';
import type { Phase } from '@/lib/widget/use-parent';

import { WidgetShell } from '../_components/widget-shell';

/** Replaced by the build with the widget's stylesheet (CSS modules included), as text. */
const WIDGET_CSS = '__HC_TODO_WIDGET_CSS__';

function InPageWidget({
  handOff,
  phase,
  items,
}: {
  handOff: InPageHandOff;
  phase: Phase;
  items: TodoItem[] | undefined;
}): JSX.Element {
  const state = useHostPage(handOff, phase);
  return (
    <WidgetShell
      handOff={state}
      locale={handOff.locale}
      theme={{ accent: handOff.accent, font: handOff.font }}
      initialItems={items}
      inPage
    />
  );
}

/** What a promise has settled to by now: its value, its error, or neither yet. */
function peek<T>(promise: Promise<T> | null): () => { value?: T; error?: unknown } | undefined {
  let settled: { value?: T; error?: unknown } | undefined;
  promise?.then(
    (value) => (settled = { value }),
    (error: unknown) => (settled = { error }),
  );
  return () => settled;
}

export async function mount(shadow: ShadowRoot, handOff: InPageHandOff): Promise<void> {
  if (handOff?.v !== 1)
    throw new Error(`hc-todo: embed.js and its widget disagree (v${handOff?.v})`);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(WIDGET_CSS);
  shadow.adoptedStyleSheets = [sheet];

  // Whatever the loader already has is shown in the first render: the list, not "loading".
  const token = peek(handOff.firstToken);
  const list = peek(handOff.firstList);
  await null; // lets the reactions above run for promises that were already settled
  let phase: Phase = 'connecting';
  if (!handOff.getToken) phase = 'signed-out';
  else if (token()?.error !== undefined) phase = tokenErrorCode(token()!.error);
  else if (token()) phase = 'ready';
  const items = phase === 'ready' ? itemsOfListBody(list()?.value) : undefined;
  // Shown already, the loader's list must not answer a later `list()` as well: by then it is old.
  const widgetHandOff = items ? { ...handOff, firstList: null } : handOff;

  const container = document.createElement('div');
  shadow.replaceChildren(container);
  // Committed now, not on React's next task: the first list paints with this frame.
  flushSync(() =>
    createRoot(container).render(
      <InPageWidget handOff={widgetHandOff} phase={phase} items={items} />,
    ),
  );
}
