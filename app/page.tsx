/**
 * GET / — says what this deployment is. Under the dev preview it points to the mock help center
 * (on 127.0.0.1, a different origin from the widget's localhost) and sends visitors who are
 * already on 127.0.0.1 straight there.
 */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { JSX } from 'react';

import { devPreviewConfig } from '@/lib/dev-preview';
import { previewOrigins } from '@/lib/preview/preview';

const page = {
  fontFamily: 'system-ui, sans-serif',
  maxWidth: 640,
  margin: '48px auto',
  padding: 16,
};

export default async function Home(): Promise<JSX.Element> {
  if (process.env.NODE_ENV === 'development' && devPreviewConfig()) {
    const { helpCenter } = previewOrigins();
    if ((await headers()).get('host') === new URL(helpCenter).host) redirect('/hc/todo');
    return (
      <main style={page}>
        <h1>hc-todo dev preview</h1>
        <p>
          The widget runs here, on its own origin. Open the mock help center, which embeds it
          through the real theme snippet: <a href={`${helpCenter}/hc/todo`}>{helpCenter}/hc/todo</a>
        </p>
      </main>
    );
  }
  return (
    <main style={page}>
      <h1>hc-todo</h1>
      <p>
        A per-user to-do list for Zendesk help centers. Signed-in help center users reach it through
        a custom page that embeds <code>/embed.js</code> or <code>/widget</code>; the API at{' '}
        <code>/api/todo_items</code> accepts their help center JWT.
      </p>
      <p>
        <a href="/api/health">Service health</a>
      </p>
    </main>
  );
}
