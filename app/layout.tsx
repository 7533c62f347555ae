/**
 * The root layout: a bare document. The widget brings its own styles (it lives in an iframe on
 * someone else's page); the other pages are tiny and style themselves. The widget's language and
 * direction are set here, on `<html>`, so its first paint is already mirrored in a right-to-left
 * help center (document-locale.ts); every other page is English, left to right.
 */
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { JSX, ReactNode } from 'react';

import { documentLocale } from '@/lib/widget-server/document-locale';

export const metadata: Metadata = {
  title: 'hc-todo',
  description: 'A per-user to-do list for Zendesk help centers, authenticated by help center JWTs.',
};

export default async function RootLayout({
  children,
}: {
  children: ReactNode;
}): Promise<JSX.Element> {
  const { lang, dir } = documentLocale(await headers());
  return (
    <html lang={lang} dir={dir}>
      <body>{children}</body>
    </html>
  );
}
