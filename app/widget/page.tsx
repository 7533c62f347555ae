/**
 * GET /widget — the iframe the help center embeds. Rendered per request because ALLOWED_ORIGINS
 * (the only parents the widget talks to) is read at run time; proxy.ts adds the matching
 * `frame-ancestors` header. The server renders no user data: that arrives once a token does.
 */
import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { JSX } from 'react';

import { loadConfig } from '@/lib/config';

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
  const params = await searchParams;
  return (
    <WidgetApp
      allowedOrigins={state.ok ? [...state.config.allowedOrigins] : []}
      locale={first(params.locale)}
      accent={first(params.accent)}
      font={first(params.font)}
    />
  );
}
