import { Redis } from 'ioredis';

/**
 * Pattern of every Redis key an app running as `subdomain` writes, KV or Redis alike
 * (`hc-todo:{<subdomain>:<userId>}:…`, see lib/store/redis-keys.ts). The closing `:` keeps
 * `hctest-1` from matching `hctest-1-kv`'s keys; braces are literal in a MATCH pattern.
 */
export function redisKeyPattern(subdomain: string): string {
  return `hc-todo:{${subdomain}:*`;
}

/** Removes only our own keys from the shared Redis. */
export async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
