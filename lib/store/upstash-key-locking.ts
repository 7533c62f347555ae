/**
 * Upstash runs a script under its global lock — no other command on the database, any user's,
 * runs meanwhile — unless the script's shebang carries `allow-key-locking`; then it locks only
 * the keys passed in KEYS, and calls for different users run in parallel (issue #19;
 * https://upstash.com/docs/redis/commands/scripting/eval, "Key-Based Locking").
 *
 * Every script in redis-scripts.ts qualifies: it touches only keys passed in KEYS (one user's,
 * one hash slot) and no database-wide command. Only the KV (Upstash) transport adds the line:
 * Redis 7 refuses a shebang flag it does not know ("ERR Unexpected flag in script shebang"), so
 * the Redis transport sends the scripts unchanged.
 */

/** The shebang that asks Upstash for per-key locks instead of its global lock. */
export const UPSTASH_KEY_LOCKING_SHEBANG = '#!lua flags=allow-key-locking';

/** `script` as it goes to Upstash: the key-locking shebang as its first line. */
export function withKeyLocking(script: string): string {
  return `${UPSTASH_KEY_LOCKING_SHEBANG}\n${script}`;
}
