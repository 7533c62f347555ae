/**
 * The Lua the KV and Redis stores share: one script per store call, so Redis runs each call
 * atomically — the rate limit, the cap, the id counter, idempotency keys and the
 * read-modify-write of records cannot interleave with another request, and a failure leaves
 * nothing half-written.
 *
 * Every script gets the same KEYS (see redis-keys.ts) and the same first three ARGV:
 *   KEYS   items, seq, idem, idem-exp, reads, writes — all one user's, all one hash slot
 *   ARGV   [1] quota kind ('read' | 'write' | '' for none), [2] its limit per minute,
 *          [3] the app's clock in ms (used only where TIME is refused), [4…] the op's
 * and answers `{status, n, touched record or '', all records…}`:
 *   'ok'           n: items deleted (clear completed, erasures), else 0
 *   'repeat'       an Idempotency-Key seen before; touched: its item, '' if deleted since
 *   'rate_limited' n: ms until the oldest counted request leaves the window (nothing else done)
 *   'not_found', 'limit_reached'
 *
 * A record is the item's JSON with a fixed field order and `value` last:
 *   {"id":7,"done":false,"created_at":"…","updated_at":"…","value":"…"}
 * The value's JSON is made by `JSON.stringify` in Node and spliced in verbatim, so the scripts
 * never parse user text (and need no cjson): everything before `,"value":` is ours, and a value
 * such as `","done":true` stays inside its string.
 *
 * Time: the rate-limit log and idempotency expiry use the server's clock (`TIME`), so every app
 * instance agrees on them; created_at/updated_at come from the app (ISO strings in ARGV). Since
 * Redis 5, scripts replicate as effects, so calling TIME before writing is safe.
 */

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

local function record(id, done, created, updated, value)
  return '{"id":' .. id .. ',"done":' .. done .. ',"created_at":"' .. created
    .. '","updated_at":"' .. updated .. '","value":' .. value .. '}'
end

-- id, done, created_at, updated_at, value JSON; nil for a record we did not write.
local function parse(rec)
  return string.match(rec,
    '^{"id":(%d+),"done":(%a+),"created_at":"([^"]*)","updated_at":"([^"]*)","value":(.*)}$')
end

local function unreadable(id)
  return redis.error_reply('ERR hc-todo: unreadable record ' .. id)
end

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
 * ARGV[4] now (ISO-8601), [5] value JSON, [6] Idempotency-Key ('' for none), [7] item cap,
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
local rec = record(id, 'false', ARGV[4], ARGV[4], ARGV[5])
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

/** ARGV[4] now, [5] id, [6] done ('true' | 'false' | '' to keep), [7] value JSON ('' to keep). */
export const UPDATE_SCRIPT = lua(`${PRELUDE}
local old = redis.call('HGET', KEYS[1], ARGV[5])
if not old then return {'not_found', 0, ''} end
local id, done, created, _, value = parse(old)
if not id then return unreadable(ARGV[5]) end
if ARGV[6] ~= '' then done = ARGV[6] end
if ARGV[7] ~= '' then value = ARGV[7] end
local rec = record(id, done, created, ARGV[4], value)
redis.call('HSET', KEYS[1], ARGV[5], rec)
return answer('ok', 0, rec)
`);

/** ARGV[4] id. The counter is left alone: ids are never reused. */
export const REMOVE_SCRIPT = lua(`${PRELUDE}
if redis.call('HDEL', KEYS[1], ARGV[4]) == 0 then return {'not_found', 0, ''} end
return answer('ok', 0, '')
`);

/** ARGV[4] now, [5] done ('true' | 'false'). Only records that change get the new updated_at. */
export const SET_ALL_DONE_SCRIPT = lua(`${PRELUDE}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local id, done, created, _, value = parse(all[i + 1])
  if not id then return unreadable(all[i]) end
  if done ~= ARGV[5] then
    redis.call('HSET', KEYS[1], all[i], record(id, ARGV[5], created, ARGV[4], value))
  end
end
return answer('ok', 0, '')
`);

/** Clear completed: removes every done record; n = how many. */
export const REMOVE_DONE_SCRIPT = lua(`${PRELUDE}
local all = redis.call('HGETALL', KEYS[1])
local deleted = 0
for i = 1, #all, 2 do
  local id, done = parse(all[i + 1])
  if not id then return unreadable(all[i]) end
  if done == 'true' then
    redis.call('HDEL', KEYS[1], all[i])
    deleted = deleted + 1
  end
end
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
