/**
 * Seconds of clock skew tolerated on `exp` and `nbf` (docs/api.md, tokens). One constant for the
 * verification and the token cache, so a cached token is accepted exactly as long as a fresh
 * verification would accept it.
 */
export const CLOCK_TOLERANCE_SECONDS = 30;
