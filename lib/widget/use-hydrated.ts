/**
 * False while React is hydrating server-rendered HTML, true once it is interactive. The server
 * renders the first list before the JavaScript has loaded: until then a typed item or a click
 * would do nothing (or submit the form natively), so the controls stay inert until this is true.
 */
import { useSyncExternalStore } from 'react';

const subscribe = (): (() => void) => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
