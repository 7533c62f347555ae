/**
 * One log line for a failed store request, fit for any log: the error and up to two causes as
 * `Name: message (CODE)`, each through `mask`, which blanks what the transport knows to be secret
 * (a token, a password, the URL). A store never logs user data: `mask` also cuts echoes of it.
 */
export function describeFailure(
  error: unknown,
  mask: (text: string) => string,
  /** Errors that explain `error` but are not in its cause chain (ioredis's last socket error). */
  also: readonly Error[] = [],
): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    parts.push(describeOne(e, mask));
  }
  if (parts.length === 0) return mask(String(error));
  for (const extra of also) parts.push(describeOne(extra, mask, false));
  return parts.join(' <- ');
}

function describeOne(e: Error, mask: (text: string) => string, named = true): string {
  const code = (e as { code?: unknown }).code;
  const text = named ? `${e.name}: ${e.message}` : e.message;
  return mask(text) + (typeof code === 'string' ? ` (${code})` : '');
}
