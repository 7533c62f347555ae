// A type-only re-export is erased at build time, so no server module reaches the client bundle.
export type { TodoItem } from '../store/types';

import { codePointLength, MAX_VALUE_LENGTH, normaliseValue } from '../limits';

export { codePointLength, MAX_ITEMS_PER_USER, MAX_VALUE_LENGTH } from '../limits';

export type ValueProblem = { kind: 'empty' } | { kind: 'too_long'; length: number };

/** The same checks the API makes, so the user hears about them before a round trip. */
export function checkValue(raw: string): ValueProblem | undefined {
  const value = normaliseValue(raw);
  if (!value) return { kind: 'empty' };
  const length = codePointLength(value);
  return length > MAX_VALUE_LENGTH ? { kind: 'too_long', length } : undefined;
}
