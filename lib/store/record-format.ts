/**
 * The item record of the KV and Redis stores (one hash field per item, see redis-keys.ts): a
 * JSON object, read with a JSON parser — `cjson` in the scripts, `JSON.parse` here — never by
 * position, so a later format can add a field without making stored records unreadable.
 *
 * Formats, by the record's `v` field:
 *   1 (no `v`)  every release before versioned records:
 *               {"id":7,"done":false,"created_at":"…","updated_at":"…","value":"…"}
 *   2           what this release writes; the same fields, then the version:
 *               {"id":7,"done":false,"created_at":"…","updated_at":"…","value":"…","v":2}
 * Both are read everywhere; a script rewrites a record in the current format whenever it writes
 * that record anyway (migrate on touch), so no background migration is needed while format 1
 * stays readable. A record of a newer format than this code knows is refused, never rewritten
 * (that would drop what the newer release stored): the call answers 503 `store_unavailable` and
 * the log says to upgrade hc-todo.
 *
 * Format 2 keeps format 1's layout and puts `v` last on purpose: the previous release parses
 * records by position with `value` last, so it still reads and edits format 2 after a rollback
 * (its pattern takes `"…","v":2` as the value's JSON and writes it back unchanged).
 */
import { StoreError, type Todo } from './types';

/** The format this release writes. */
export const RECORD_FORMAT = 2;

/**
 * The scripts' codec (Lua, spliced into each script's prelude). `decode(rec)` answers the record
 * as a table, or nil and why not; `encode(...)` the current format in its fixed layout, each
 * string encoded by cjson (quotes, backslashes and control characters escaped, `/` as `\/`,
 * UTF-8 passed through), the id with %d because cjson prints numbers with 14 significant digits.
 */
export const RECORD_LUA = `
local FORMAT = ${RECORD_FORMAT}

local function decode(rec)
  local ok, r = pcall(cjson.decode, rec)
  if not ok or type(r) ~= 'table' then return nil, 'is unreadable' end
  local v = r.v
  if v == nil then v = 1 end
  if type(v) == 'number' and v > FORMAT and v == math.floor(v) then
    return nil, 'has format ' .. string.format('%d', v) .. '; this hc-todo knows up to '
      .. FORMAT .. ': upgrade hc-todo'
  end
  if (v ~= 1 and v ~= FORMAT) or type(r.done) ~= 'boolean' or type(r.value) ~= 'string'
    or type(r.created_at) ~= 'string' or type(r.updated_at) ~= 'string' then
    return nil, 'is unreadable'
  end
  return r
end

local function encode(id, done, created, updated, value)
  return '{"id":' .. string.format('%d', id) .. ',"done":' .. tostring(done)
    .. ',"created_at":' .. cjson.encode(created) .. ',"updated_at":' .. cjson.encode(updated)
    .. ',"value":' .. cjson.encode(value) .. ',"v":' .. FORMAT .. '}'
end

local function unreadable(id, why)
  return redis.error_reply('ERR hc-todo: record ' .. id .. ' ' .. why)
end
`;

/**
 * The item a stored record holds, in any known format (its JSON keeps the API's field names). A record of a newer format throws
 * StoreError `store_unavailable` (logged once here with the reason); anything else that is not
 * a record throws a plain Error: bad data in our own keys is a bug to see as a 500.
 */
export function readRecord(raw: unknown): Todo {
  let r: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      r = parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  const v = r?.v ?? 1;
  if (typeof v === 'number' && Number.isInteger(v) && v > RECORD_FORMAT) throw tooNew(v);
  if (
    !r ||
    (v !== 1 && v !== RECORD_FORMAT) ||
    typeof r.id !== 'number' ||
    !Number.isSafeInteger(r.id) ||
    r.id < 1 ||
    typeof r.value !== 'string' ||
    typeof r.done !== 'boolean' ||
    typeof r.created_at !== 'string' ||
    typeof r.updated_at !== 'string'
  ) {
    throw new Error('[hc-todo] redis store: unreadable record');
  }
  return {
    id: r.id,
    value: r.value,
    done: r.done,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function tooNew(v: number): StoreError {
  const reason = `a record has format ${v}; this hc-todo knows up to ${RECORD_FORMAT}: upgrade hc-todo`;
  console.error(`[hc-todo] redis store: ${reason}`);
  return new StoreError('store_unavailable', 'The to-do store is unavailable.', {
    cause: new Error(reason),
  });
}
