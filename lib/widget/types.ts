// A type-only re-export is erased at build time, so no server module reaches the client bundle.
export type { TodoItem } from '../store/types';

/** The contract's limit: 500 Unicode code points after trimming. */
export const MAX_VALUE_LENGTH = 500;

/** Length as the API counts it: code points, not UTF-16 units. */
export function codePointLength(value: string): number {
  return [...value].length;
}

export type ValueProblem = { kind: 'empty' } | { kind: 'too_long'; length: number };

/** The same checks the API makes, so the user hears about them before a round trip. */
export function checkValue(raw: string): ValueProblem | undefined {
  const value = raw.trim();
  if (!value) return { kind: 'empty' };
  const length = codePointLength(value);
  return length > MAX_VALUE_LENGTH ? { kind: 'too_long', length } : undefined;
}
