/**
 * React state for the hand-off with the embedding page: where we are (waiting, signed out, …),
 * the presentation options it sent, and an API client once a token has arrived.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { createTodoApi, type TodoApi } from './api-client';
import { ChannelSlot, connectToParent } from './parent-channel';
import type { ConfigMessage, WidgetMessage } from './protocol';

export type Phase =
  'connecting' | 'not-embedded' | 'signed-out' | 'unavailable' | 'failed' | 'ready';

export interface ParentState {
  phase: Phase;
  config: Omit<ConfigMessage, 'type' | 'v'>;
  /** Absolute sign-in URL on the parent's own origin, if it sent one. */
  signInUrl: string | undefined;
  /** Calls the API with the parent's token; a call waits for the first token to arrive. */
  api: TodoApi;
  /** Ask the parent again after a failed token fetch. */
  retry(): void;
  post(message: WidgetMessage): void;
}

/** What the widget's view needs of a hand-off, whichever embed mode runs it (use-host-page.ts). */
export type HandOffState = Pick<ParentState, 'phase' | 'signInUrl' | 'api' | 'retry'>;

/** Only a link back into the help center itself; never `javascript:` or another site. */
function sameOriginUrl(raw: string | undefined, origin: string): string | undefined {
  if (!raw || !URL.canParse(raw, origin)) return undefined;
  const url = new URL(raw, origin);
  return url.origin === origin ? url.href : undefined;
}

/**
 * Connects on mount; `allowedOrigins` must not change afterwards. `initialPhase` is what the
 * server rendered: `ready` when it already listed the user's items (the token arrives by message
 * after hydration, before any change needs it).
 */
export function useParent(
  allowedOrigins: readonly string[],
  initialPhase: Phase = 'connecting',
): ParentState {
  const [phase, setPhase] = useState<Phase>(initialPhase);
  const [config, setConfig] = useState<ParentState['config']>({});
  const [signInUrl, setSignInUrl] = useState<string>();
  const [slot] = useState(() => new ChannelSlot());
  const [api] = useState(() => createTodoApi(slot.getToken));
  const origins = useRef(allowedOrigins);
  // A token error has already set its own phase; only silence is turned into 'failed' here.
  const giveUpIfConnecting = useCallback(
    () => setPhase((current) => (current === 'connecting' ? 'failed' : current)),
    [],
  );

  useEffect(() => {
    let active = true;
    const connection = connectToParent(origins.current, (message, origin) => {
      switch (message.type) {
        case 'hc-todo:config': {
          const { locale, accent, font } = message;
          setConfig({ locale, accent, font });
          setSignInUrl(sameOriginUrl(message.signInUrl, origin));
          break;
        }
        case 'hc-todo:token':
          setPhase('ready');
          break;
        case 'hc-todo:token-error':
          // After the first token, a failed refresh is reported by the action that needed it.
          setPhase((current) => {
            if (current === 'ready') return current;
            if (message.code === 'anonymous') return 'signed-out';
            return message.code === 'unavailable' ? 'unavailable' : 'failed';
          });
          break;
      }
    });
    slot.attach(connection);
    if (!connection.embedded) setPhase('not-embedded');
    // No answer at all (the page's script never ran, or was blocked): say so after a while.
    else connection.getToken().catch(() => active && giveUpIfConnecting());
    return () => {
      active = false;
      connection.close();
      slot.detach();
    };
  }, [giveUpIfConnecting, slot]);

  const retry = useCallback(() => {
    setPhase('connecting');
    slot.getToken({ fresh: true }).catch(giveUpIfConnecting);
  }, [giveUpIfConnecting, slot]);

  return { phase, config, signInUrl, api, retry, post: slot.post };
}
