/**
 * `/widget` — the iframe the help center embeds. Rendered per request: ALLOWED_ORIGINS (the only
 * parents the widget talks to) is read at run time, and when the help center opens it with a
 * `POST` carrying the user's token, the HTML already holds the user's items (first-view.ts).
 * proxy.ts adds the matching `frame-ancestors` header and hands the posted token over.
 */
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { JSX } from 'react';

import { loadConfig } from '@/lib/config';
import { earlyResizeScript } from '@/lib/widget-server/early-resize';
import { firstView } from '@/lib/widget-server/first-view';

import { WidgetApp } from './_components/widget-app';
import './widget-base.css';

export const metadata: Metadata = {
  title: 'To-do list',
  robots: { index: false, follow: false },
};

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

export default async function WidgetPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<JSX.Element> {
  await connection();
  const state = loadConfig();
  const [params, view] = await Promise.all([searchParams, headers().then(firstView)]);
  const allowedOrigins = state.ok ? [...state.config.allowedOrigins] : [];
  return (
    <>
      <WidgetApp
        allowedOrigins={allowedOrigins}
        locale={first(params.locale)}
        accent={first(params.accent)}
        font={first(params.font)}
        first={view}
      />
      {/* Right after the widget's root: sizes the frame before any script has loaded. */}
      <script dangerouslySetInnerHTML={{ __html: earlyResizeScript(allowedOrigins) }} />
    </>
  );
}
