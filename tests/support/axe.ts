/**
 * axe-core inside a frame of a browser test: injected into the widget's own document, so it
 * checks exactly what a screen reader there would meet.
 */
import { createRequire } from 'node:module';

import type { Frame } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown }[];
}

/** Runs axe-core inside the widget's own document; returns its violations. */
export async function axe(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ path: AXE_PATH });
  return frame.evaluate(async () => {
    const run = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
      .axe.run;
    return (await run()).violations;
  });
}

/** One line per violation, so a failed `toEqual([])` says what and where. */
export const summary = (violations: AxeViolation[]): string[] =>
  violations.map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`);
