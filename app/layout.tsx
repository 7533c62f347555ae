/**
 * The root layout: a bare document. The widget brings its own styles (it lives in an iframe on
 * someone else's page); the other pages are tiny and style themselves.
 */
import type { Metadata } from 'next';
import type { JSX, ReactNode } from 'react';

export const metadata: Metadata = {
  title: 'hc-todo',
  description: 'A per-user to-do list for Zendesk help centers, authenticated by help center JWTs.',
};

export default function RootLayout({ children }: { children: ReactNode }): JSX.Element {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
