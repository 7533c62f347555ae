/**
 * The value checks the API makes, run in the widget so the user hears about them before a round
 * trip (client-safe: lib/limits has no server imports).
 */
import { codePointLength, MAX_VALUE_LENGTH, normaliseValue } from '../limits';

export type ValueProblem = { kind: 'empty' } | { kind: 'too_long'; length: number };

/** The same checks the API makes, so the user hears about them before a round trip. */
export function checkValue(raw: string): ValueProblem | undefined {
  const value = normaliseValue(raw);
  if (!value) return { kind: 'empty' };
  const length = codePointLength(value);
  return length > MAX_VALUE_LENGTH ? { kind: 'too_long', length } : undefined;
}
