/**
 * React state for script mode's hand-off (in-page-hand-off.ts), in the same shape the iframe's
 * message hand-off has (use-parent.ts), so both shells show the same view.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import { inPageApi, tokenErrorCode, type InPageHandOff } from './in-page-hand-off';
import type { HandOffState, Phase } from './use-parent';

/** `initialPhase`: what the mount already knew (the token had arrived, or was refused). */
export function useHostPage(handOff: InPageHandOff, initialPhase: Phase): HandOffState {
  const [phase, setPhase] = useState<Phase>(initialPhase);
  const [api] = useState(() => inPageApi(handOff));
  // The first connect takes the loader's request as it settles (a failure is not cached, so
  // asking again would cost a second request and a round trip); "Try again" asks anew, also
  // when the mount already knew how that request ended.
  const firstToken = useRef(initialPhase === 'connecting' ? handOff.firstToken : null);

  useEffect(() => {
    if (phase !== 'connecting' || !handOff.getToken) return;
    const token = firstToken.current ?? handOff.getToken(false);
    firstToken.current = null;
    let active = true;
    token.then(
      () => active && setPhase('ready'),
      (error: unknown) => active && setPhase(tokenErrorCode(error)),
    );
    return () => {
      active = false;
    };
  }, [handOff, phase]);

  const retry = useCallback(() => setPhase('connecting'), []);

  // The help center's own sign-in page, back to where the user is.
  const signInUrl = new URL(
    `/hc/signin?return_to=${encodeURIComponent(window.location.href)}`,
    window.location.href,
  ).href;
  return { phase, signInUrl, api, retry };
}
