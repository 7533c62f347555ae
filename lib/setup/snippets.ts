/**
 * The two Guide custom pages (docs/embedding.md) with this deployment's origin in place of the
 * placeholder, as the setup page shows them.
 */
import { APP_URL_PLACEHOLDER } from '../preview/help-center-page';
import { SNIPPET_SOURCES } from './snippet-sources';

export type SnippetMode = keyof typeof SNIPPET_SOURCES;

/** The custom page of `mode` pointing at `origin`; unchanged (placeholder kept) without one. */
export function snippetFor(mode: SnippetMode, origin: string | undefined): string {
  const source = SNIPPET_SOURCES[mode];
  return origin ? source.split(APP_URL_PLACEHOLDER).join(origin) : source;
}
