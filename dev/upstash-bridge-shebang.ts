/**
 * The script shebang flags Upstash knows and Redis does not. Upstash accepts
 * `#!lua flags=allow-key-locking` (https://upstash.com/docs/redis/commands/scripting/eval: the
 * script then locks only its KEYS instead of the whole database); Redis 7 refuses any flag it
 * does not know ("ERR Unexpected flag in script shebang"). The bridge models Upstash, so it
 * accepts the flag and passes the script on to the real Redis without it. Locking itself is not
 * modelled: one Redis runs one script at a time whatever the flags say.
 */

/** Flags Upstash understands that the bridge must hide from Redis. */
const UPSTASH_ONLY_FLAGS = new Set(['allow-key-locking']);

/**
 * `script` as the real Redis should get it: the Upstash-only flags taken out of its `#!` line.
 * The shebang itself stays (`#!lua` with no flags, if none remain), so Redis still runs it with
 * shebang rules, as Upstash does, and error line numbers stay the same. Any other script is
 * returned as it is.
 */
export function toRedisScript(script: string): string {
  if (!script.startsWith('#!')) return script;
  const end = script.indexOf('\n');
  const line = end === -1 ? script : script.slice(0, end);
  const [engine = '', ...params] = line.slice(2).trim().split(/\s+/);
  let changed = false;
  const kept = params.map((param) => {
    if (!param.startsWith('flags=')) return param;
    const flags = param.slice('flags='.length).split(',');
    const redisFlags = flags.filter((flag) => !UPSTASH_ONLY_FLAGS.has(flag));
    if (redisFlags.length === flags.length) return param;
    changed = true;
    return redisFlags.length > 0 ? `flags=${redisFlags.join(',')}` : '';
  });
  if (!changed) return script;
  const shebang = ['#!' + engine, ...kept.filter((param) => param !== '')].join(' ');
  return shebang + (end === -1 ? '' : script.slice(end));
}
