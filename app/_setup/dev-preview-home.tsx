/**
 * `GET /` under the dev preview: points to the mock help center (on 127.0.0.1, a different
 * origin from the widget's localhost).
 */
import type { JSX } from 'react';

const page = {
  fontFamily: 'system-ui, sans-serif',
  maxWidth: 640,
  margin: '48px auto',
  padding: 16,
};

export function DevPreviewHome({ helpCenter }: { helpCenter: string }): JSX.Element {
  return (
    <main style={page}>
      <h1>hc-todo dev preview</h1>
      <p>
        The widget runs here, on its own origin. Open the mock help center, which embeds it through
        the real theme snippet: <a href={`${helpCenter}/hc/todo`}>{helpCenter}/hc/todo</a>
      </p>
    </main>
  );
}
