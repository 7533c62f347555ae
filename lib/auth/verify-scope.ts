/**
 * The part of the verification options a verdict on a token depends on, as one string: two
 * configurations in one process (tests run several) must never share cached verdicts.
 */
import type { KeySet } from './key-set';
import type { VerifyOptions } from './verify-token';

/** The options a verdict depends on (the cache itself is not one of them). */
export type ScopedOptions = Pick<
  VerifyOptions,
  'subdomain' | 'jwksUrl' | 'allowedOrigins' | 'originClaim' | 'keySet'
>;

// Options objects are made once per configuration, so the string is made once per object.
const scopes = new WeakMap<ScopedOptions, string>();
const keySetIds = new WeakMap<KeySet, number>();
let nextKeySetId = 1;

/** A string equal for two option objects exactly when a token's verdict is the same under both. */
export function verifyScope(opts: ScopedOptions): string {
  let scope = scopes.get(opts);
  if (scope === undefined) {
    scope = JSON.stringify([
      opts.subdomain,
      opts.jwksUrl,
      [...opts.allowedOrigins],
      opts.originClaim ?? 'required',
      opts.keySet ? keySetId(opts.keySet) : 0, // an injected key set is a configuration of its own
    ]);
    scopes.set(opts, scope);
  }
  return scope;
}

function keySetId(keySet: KeySet): number {
  let id = keySetIds.get(keySet);
  if (id === undefined) {
    id = nextKeySetId++;
    keySetIds.set(keySet, id);
  }
  return id;
}
