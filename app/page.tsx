/**
 * GET / — in production, the setup page (docs/embedding.md): this deployment's checklist and its
 * snippets. Under the dev preview it points to the mock help center instead, and sends visitors
 * who are already on 127.0.0.1 straight there.
 */
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { JSX } from 'react';

import { vercelProductionHost } from '@/lib/config';
import { devPreviewConfig } from '@/lib/dev-preview';
import { previewOrigins } from '@/lib/preview/preview';
import { deploymentOrigin } from '@/lib/setup/app-origin';
import { buildChecklist } from '@/lib/setup/checklist';
import { gatherFacts } from '@/lib/setup/facts';

import { DevPreviewHome } from './_setup/dev-preview-home';
import { SetupPage } from './_setup/setup-page';

export const metadata: Metadata = { title: 'hc-todo setup', robots: { index: false } };

// Checked on every request: the page is this deployment's state now (and `no-store`).
export const dynamic = 'force-dynamic';

export default async function Home(): Promise<JSX.Element> {
  const requestHeaders = await headers();
  if (process.env.NODE_ENV === 'development' && devPreviewConfig()) {
    const { helpCenter } = previewOrigins();
    if (requestHeaders.get('host') === new URL(helpCenter).host) redirect('/hc/todo');
    return <DevPreviewHome helpCenter={helpCenter} />;
  }
  const origin = deploymentOrigin({
    vercelHost: vercelProductionHost(),
    host: requestHeaders.get('host'),
    forwardedProto: requestHeaders.get('x-forwarded-proto'),
  });
  const facts = await gatherFacts();
  return <SetupPage items={buildChecklist(facts)} origin={origin} />;
}
