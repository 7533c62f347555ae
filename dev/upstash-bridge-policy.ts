/**
 * What the bridge answers itself instead of passing to Redis: commands Upstash refuses over REST,
 * and a per-bridge script cache. The real Redis is shared (and caches every script it has ever
 * run), so without the latter a test could never see the cold cache of a fresh Upstash database
 * — where EVALSHA answers NOSCRIPT and costs the caller a second request. And what it changes on
 * the way: shebang flags only Upstash knows (upstash-bridge-shebang.ts).
 */
import { createHash } from 'node:crypto';
import { toRedisScript } from './upstash-bridge-shebang';

export type Command = (string | number)[];

/**
 * Commands that would hold or corrupt the bridge's one shared Redis connection; Upstash refuses
 * these over REST as well (they are TCP-only there).
 */
const REFUSED = new Set(
  [
    'MULTI EXEC DISCARD WATCH UNWATCH SELECT AUTH HELLO RESET QUIT MONITOR CLIENT',
    'SUBSCRIBE PSUBSCRIBE SSUBSCRIBE BLPOP BRPOP BLMOVE BRPOPLPUSH BZPOPMIN BZPOPMAX BLMPOP',
    'BZMPOP XREAD XREADGROUP WAIT FLUSHALL FLUSHDB',
  ]
    .join(' ')
    .split(' '),
);

const NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.';

export interface CommandPolicy {
  /** The bridge's own answer for `command`, or null to pass it to Redis. */
  intercept(command: Command): { error: string } | { result: unknown } | null;
  /** `command` as the real Redis must get it (scripts without Upstash-only shebang flags). */
  toRedis(command: Command): Command;
  /** Every distinct script body received (EVAL, EVAL_RO, SCRIPT LOAD), as sent, oldest first. */
  scripts(): string[];
}

/** A fresh policy: an empty script cache, as on a new database. */
export function createCommandPolicy(): CommandPolicy {
  // SHA1 of the body as the client sent it (what Upstash hashes) → that body.
  const scripts = new Map<string, string>();
  const received = new Set<string>();
  const sha1 = (script: string): string => createHash('sha1').update(script).digest('hex');
  const cache = (script: string): string => {
    const sha = sha1(script);
    scripts.set(sha, script);
    received.add(script);
    return sha;
  };

  return {
    intercept(command) {
      const name = String(command[0]).toUpperCase();
      const arg = (i: number): string => String(command[i] ?? '');
      if (REFUSED.has(name)) return { error: `ERR Command is not allowed: ${name}` };
      switch (name) {
        case 'EVAL':
        case 'EVAL_RO':
          cache(arg(1));
          return null;
        case 'EVALSHA':
        case 'EVALSHA_RO':
          return scripts.has(arg(1).toLowerCase()) ? null : { error: NOSCRIPT };
        case 'SCRIPT': {
          const sub = arg(1).toUpperCase();
          if (sub === 'LOAD') {
            const sha = cache(arg(2));
            // Redis would answer the SHA of the body without the flag; Upstash, of the body sent.
            if (toRedisScript(arg(2)) !== arg(2)) return { result: Buffer.from(sha) };
          }
          if (sub === 'EXISTS') {
            return {
              result: command.slice(2).map((s) => (scripts.has(String(s).toLowerCase()) ? 1 : 0)),
            };
          }
          // Forget only this bridge's scripts; flushing the shared Redis would hit other users.
          if (sub === 'FLUSH') return (scripts.clear(), { result: Buffer.from('OK') });
          return null;
        }
        default:
          return null;
      }
    },

    toRedis(command) {
      const name = String(command[0]).toUpperCase();
      if (name === 'EVAL' || name === 'EVAL_RO') {
        return [command[0]!, toRedisScript(String(command[1] ?? '')), ...command.slice(2)];
      }
      if (name === 'EVALSHA' || name === 'EVALSHA_RO') {
        // Redis never saw the flagged body, so it cannot know its SHA: send the body instead.
        const body = scripts.get(String(command[1] ?? '').toLowerCase());
        if (body !== undefined && toRedisScript(body) !== body) {
          return [name.replace('SHA', ''), toRedisScript(body), ...command.slice(2)];
        }
      }
      return command;
    },

    scripts: () => [...received],
  };
}
