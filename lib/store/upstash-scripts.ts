/**
 * Lua for the KV store. Each mutation is one script, so Redis runs it atomically: the cap check,
 * the id counter and the read-modify-write of a record cannot interleave with another request,
 * and a failure leaves nothing half-written.
 *
 * A record is the item's JSON with a fixed field order and `value` last:
 *   {"id":7,"done":false,"created_at":"…","updated_at":"…","value":"…"}
 * The value's JSON is made by `JSON.stringify` in Node and spliced in verbatim, so the scripts
 * never parse user text (and need no cjson): everything before `,"value":` is ours.
 *
 * Every mutation answers `{status, touched record or "", all records…}` so the caller gets the
 * new list in the same round trip. Scripts are sent with EVAL, not EVALSHA — see upstash-store.ts.
 */

/** `record(id, done, created, updated, valueJson)` — shared by add and update. */
const RECORD = `
local function record(id, done, created, updated, value)
  return '{"id":' .. id .. ',"done":' .. done .. ',"created_at":"' .. created
    .. '","updated_at":"' .. updated .. '","value":' .. value .. '}'
end
local function answer(touched)
  local out = redis.call('HVALS', KEYS[1])
  table.insert(out, 1, touched)
  table.insert(out, 1, 'ok')
  return out
end
`;

/**
 * KEYS: items hash, id counter. ARGV: cap, now (ISO-8601), value JSON.
 * The counter only moves on success, and is never decremented, so ids are never reused.
 */
export const ADD_SCRIPT = `${RECORD}
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[1]) then return {'limit_reached'} end
local id = string.format('%d', redis.call('INCR', KEYS[2]))
local rec = record(id, 'false', ARGV[2], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[1], id, rec)
return answer(rec)
`;

/** KEYS: items hash. ARGV: id, now, done ('true' | 'false' | '' to keep), value JSON ('' to keep). */
export const UPDATE_SCRIPT = `${RECORD}
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return {'not_found'} end
local id, done, created, value = string.match(old,
  '^{"id":(%d+),"done":(%a+),"created_at":"([^"]*)","updated_at":"[^"]*","value":(.*)}$')
if not id then return redis.error_reply('ERR hc-todo: unreadable record ' .. ARGV[1]) end
if ARGV[3] ~= '' then done = ARGV[3] end
if ARGV[4] ~= '' then value = ARGV[4] end
local rec = record(id, done, created, ARGV[2], value)
redis.call('HSET', KEYS[1], ARGV[1], rec)
return answer(rec)
`;

/** KEYS: items hash. ARGV: id. The counter key is left alone: ids are never reused. */
export const REMOVE_SCRIPT = `${RECORD}
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return {'not_found'} end
return answer('')
`;
