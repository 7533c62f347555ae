/**
 * Tells the embedding page how tall the widget is, so the iframe can be exactly that tall: no
 * inner scrollbar, and the page grows with the list instead of jumping.
 */
import { useEffect, type RefObject } from 'react';

import { EARLY_RESIZE_FLAG, type WidgetMessage } from './protocol';

/** Reports the element's border-box height whenever it changes (rounded up to whole pixels). */
export function useResizeReport(
  ref: RefObject<HTMLElement | null>,
  post: (message: WidgetMessage) => void,
): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // The early reporter /widget inlines after the server-rendered list stops here.
    (window as unknown as Record<string, unknown>)[EARLY_RESIZE_FLAG] = true;
    let last = -1;
    const report = (): void => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      post({ type: 'hc-todo:resize', v: 1, height });
    };
    const observer = new ResizeObserver(report);
    observer.observe(element);
    report();
    return () => observer.disconnect();
  }, [ref, post]);
}
