/**
 * The Lua the KV and Redis stores share: one script per store call, so Redis runs each call
 * atomically — the rate limit, the cap, the id counter, idempotency keys and the
 * read-modify-write of records cannot interleave with another request, and a failure leaves
 * nothing half-written.
 *
 * Every script gets the same KEYS (see redis-keys.ts) and the same first three ARGV:
 *   KEYS   [1] items (hash: id → record), [2] seq (last id handed out), [3] idem (hash:
 *          Idempotency-Key → id), [4] idem-exp (zset: key → expiry, server ms), [5] reads and
 *          [6] writes (lists: server ms of counted requests) — all one user's, one hash slot
 *   ARGV   [1] quota kind ('read' | 'write' | '' for none), [2] its limit per minute,
 *          [3] the app's clock in ms (used only where TIME is refused), [4…] the op's
 * and answers `{status, n, touched record or '', all records…}`:
 *   'ok'           n: items deleted (clear completed, erasures), else 0
 *   'repeat'       an Idempotency-Key seen before; touched: its item, '' if deleted since
 *   'rate_limited' n: ms until the oldest counted request leaves the window (nothing else done)
 *   'not_found', 'limit_reached'
 *
 * A record is the item as versioned JSON (record-format.ts): read with cjson whatever its field
 * order, written by `encode` in the current format (2) from the raw value the app passes in ARGV
 * — user text is only ever escaped by cjson, never spliced as JSON, so `","done":true` stays
 * inside its string. A script that writes a record of an older format writes it as current
 * (migrate on touch); one that meets a record of a newer format fails without writing anything:
 * `ERR hc-todo: record <id> has format <v>; … upgrade hc-todo`, a 503 like any script error.
 *
 * Time: the rate-limit log and idempotency expiry use the server's clock (`TIME`), so every app
 * instance agrees on them; created_at/updated_at come from the app (ISO strings in ARGV). Since
 * Redis 5, scripts replicate as effects, so calling TIME before writing is safe.
 */

import { RECORD_LUA } from './record-format';

/**
 * The script as sent: full-line comments and indentation dropped. Every call uploads its script
 * (EVAL), so this is a third less to send, and less for Redis to hash.
 */
function lua(source: string): string {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('--'))
    .join('\n');
}

const PRELUDE = `
-- The server's clock, so that every app instance agrees; the app's (ARGV[3]) only where a
-- service refuses TIME in scripts (some managed Redis do), so the store still works there.
local t = redis.pcall('TIME')
local now = tonumber(ARGV[3])
if type(t) == 'table' and t[1] then
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local WINDOW = 60000

-- The sliding log of lib/store/local-quota.ts, kept in a list of server ms: at most ARGV[2]
-- requests in any 60 s; a refused request is not counted. Returns the wait in ms, or nil.
local function over_quota()
  if ARGV[1] == '' then return nil end
  local log = KEYS[6]
  if ARGV[1] == 'read' then log = KEYS[5] end
  local limit = tonumber(ARGV[2])
  while true do
    local first = redis.call('LINDEX', log, 0)
    if not first or now - tonumber(first) < WINDOW then break end
    redis.call('LPOP', log)
  end
  local len = redis.call('LLEN', log)
  if len >= limit then
    return tonumber(redis.call('LINDEX', log, len - limit)) + WINDOW - now
  end
  redis.call('RPUSH', log, string.format('%d', now))
  redis.call('PEXPIRE', log, WINDOW)
  return nil
end

${RECORD_LUA}

-- The highest id among the user's items (0 for none): the counter may have been evicted.
local function highest_id()
  local top = 0
  for _, id in ipairs(redis.call('HKEYS', KEYS[1])) do
    local n = tonumber(id)
    if n and n > top then top = n end
  end
  return top
end

local function answer(status, n, touched)
  local out = {status, n, touched}
  for _, rec in ipairs(redis.call('HVALS', KEYS[1])) do out[#out + 1] = rec end
  return out
end

local wait = over_quota()
if wait then return {'rate_limited', wait} end
`;

/** The list read: the quota, then every record. */
export const LIST_SCRIPT = lua(`${PRELUDE}
return answer('ok', 0, '')
`);

/**
 * ARGV[4] now (ISO-8601), [5] the value (raw text), [6] Idempotency-Key ('' for none), [7] item cap,
 * [8] key lifetime in ms, [9] how many keys are remembered. A known key answers its item before
 * the cap is checked. Keys all live equally long, so the lowest expiry is the oldest key: the
 * one forgotten first once there are more than ARGV[9]. The counter
 * is re-seeded above the highest existing id when it is missing or behind (evicted, deleted by
 * hand), so an add never reuses an id nor overwrites an item.
 */
export const ADD_SCRIPT = lua(`${PRELUDE}
local key = ARGV[6]
if key ~= '' then
  -- A bounded amount of pruning per add keeps the key set's size to what 24 h of adds made.
  for _, old in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, 100)) do
    redis.call('HDEL', KEYS[3], old)
    redis.call('ZREM', KEYS[4], old)
  end
  local seen = redis.call('HGET', KEYS[3], key)
  local expires = redis.call('ZSCORE', KEYS[4], key)
  if seen and expires and tonumber(expires) > now then
    return answer('repeat', 0, redis.call('HGET', KEYS[1], seen) or '')
  end
end
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[7]) then return {'limit_reached', 0, ''} end
local last = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
local top = highest_id()
if top > last then last = top end
local id = string.format('%d', last + 1)
redis.call('SET', KEYS[2], id)
local rec = encode(last + 1, false, ARGV[4], ARGV[4], ARGV[5])
redis.call('HSET', KEYS[1], id, rec)
if key ~= '' then
  local ttl = tonumber(ARGV[8])
  redis.call('HSET', KEYS[3], key, id)
  redis.call('ZADD', KEYS[4], now + ttl, key)
  local over = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[9])
  if over > 0 then
    for _, old in ipairs(redis.call('ZRANGE', KEYS[4], 0, over - 1)) do
      redis.call('HDEL', KEYS[3], old)
    end
    redis.call('ZREMRANGEBYRANK', KEYS[4], 0, over - 1)
  end
  -- Every entry expires within ttl of the newest: the whole set may go with it.
  redis.call('PEXPIRE', KEYS[3], ttl)
  redis.call('PEXPIRE', KEYS[4], ttl)
end
return answer('ok', 0, rec)
`);

/**
 * ARGV[4] now, [5] id, [6] done ('true' | 'false' | '' to keep), [7] the new value (raw text;
 * absent to keep — an empty string is a value, not "keep").
 */
export const UPDATE_SCRIPT = lua(`${PRELUDE}
local old = redis.call('HGET', KEYS[1], ARGV[5])
if not old then return {'not_found', 0, ''} end
local r, why = decode(old)
if not r then return unreadable(ARGV[5], why) end
local done = r.done
if ARGV[6] ~= '' then done = ARGV[6] == 'true' end
local value = r.value
if ARGV[7] then value = ARGV[7] end
local rec = encode(tonumber(ARGV[5]), done, r.created_at, ARGV[4], value)
redis.call('HSET', KEYS[1], ARGV[5], rec)
return answer('ok', 0, rec)
`);

/** ARGV[4] id. The counter is left alone: ids are never reused. */
export const REMOVE_SCRIPT = lua(`${PRELUDE}
if redis.call('HDEL', KEYS[1], ARGV[4]) == 0 then return {'not_found', 0, ''} end
return answer('ok', 0, '')
`);

/**
 * ARGV[4] now, [5] done ('true' | 'false'). Only records that change get the new updated_at (and
 * the current format); every record is checked before any is written.
 */
export const SET_ALL_DONE_SCRIPT = lua(`${PRELUDE}
local all = redis.call('HGETALL', KEYS[1])
local want = ARGV[5] == 'true'
local changed = {}
for i = 1, #all, 2 do
  local r, why = decode(all[i + 1])
  if not r then return unreadable(all[i], why) end
  if r.done ~= want then
    changed[#changed + 1] = all[i]
    changed[#changed + 1] = encode(tonumber(all[i]), want, r.created_at, ARGV[4], r.value)
  end
end
if #changed > 0 then redis.call('HSET', KEYS[1], unpack(changed)) end
return answer('ok', 0, '')
`);

/** Clear completed: removes every done record; n = how many. */
export const REMOVE_DONE_SCRIPT = lua(`${PRELUDE}
local all = redis.call('HGETALL', KEYS[1])
local gone = {}
for i = 1, #all, 2 do
  local r, why = decode(all[i + 1])
  if not r then return unreadable(all[i], why) end
  if r.done then gone[#gone + 1] = all[i] end
end
-- Deleted only after every record was read: a newer-format record fails the call untouched.
for _, id in ipairs(gone) do redis.call('HDEL', KEYS[1], id) end
local deleted = #gone
return answer('ok', deleted, '')
`);

/**
 * `DELETE /api/me`: items and idempotency keys go, the counter stays — raised first to the
 * highest id if it was lost, so that ids are not reused after the erasure either.
 */
export const ERASE_OWN_DATA_SCRIPT = lua(`${PRELUDE}
local n = redis.call('HLEN', KEYS[1])
local top = highest_id()
if top > (tonumber(redis.call('GET', KEYS[2]) or '0') or 0) then
  redis.call('SET', KEYS[2], string.format('%d', top))
end
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
return {'ok', n, ''}
`);

/** The deletion webhook: every key of the user, counter and rate-limit logs included. */
export const ERASE_USER_SCRIPT = lua(`${PRELUDE}
local n = redis.call('HLEN', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
return {'ok', n, ''}
`);
