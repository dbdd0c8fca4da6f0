import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

/**
 * The Lua scripts of the room store. Each runs atomically in Redis, which is what makes a join
 * gap-free (snapshot and tail read in one step) and an append refusable after a deletion.
 * Stream entries carry fields k (kind: u update, a awareness, x deleted), o (the appending
 * process) and m (the y-websocket frame, forwarded to clients as it is).
 */

/** Compares stream ids 'ms-seq' (Lua numbers hold 13-digit milliseconds exactly). */
const NEWER = `
local function newer(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am > bm or (am == bm and as > bs)
end
`;

/**
 * KEYS: snapshot, stream, deleted → { state|nil, upto|nil, last id|nil, kinds, frames }: the
 * entries after upto as one string of their kinds ('u', 'a', 'x') and the list of their frames,
 * not whole entries: a join after 10,000 edits then parses 10,000 values, not 70,000.
 */
export const LOAD = `
if redis.call('EXISTS', KEYS[3]) == 1 then return redis.error_reply('DELETED session was deleted') end
local snap = redis.call('HMGET', KEYS[1], 'state', 'upto')
local from = '-'
if snap[2] then from = '(' .. snap[2] end
local entries = redis.call('XRANGE', KEYS[2], from, '+')
local kinds, frames = {}, {}
for i, entry in ipairs(entries) do
  local fields, kind, frame = entry[2], '?', ''
  for j = 1, #fields, 2 do
    if fields[j] == 'k' then kind = fields[j + 1] elseif fields[j] == 'm' then frame = fields[j + 1] end
  end
  kinds[i] = string.sub(kind, 1, 1)
  frames[i] = frame
end
local last = false
if #entries > 0 then last = entries[#entries][1] end
return { snap[1], snap[2], last, table.concat(kinds), frames }
`;

/** KEYS: stream, deleted; ARGV: origin, kind, frame… → id of the last entry added */
export const APPEND = `
if redis.call('EXISTS', KEYS[2]) == 1 then return redis.error_reply('DELETED session was deleted') end
local id
for i = 3, #ARGV do id = redis.call('XADD', KEYS[1], '*', 'k', ARGV[2], 'o', ARGV[1], 'm', ARGV[i]) end
return id
`;

/**
 * KEYS: snapshot, stream, deleted; ARGV: state, upto, keepMs → 1 if stored, 0 if a newer
 * snapshot is there. Trims entries older than both the snapshot and keepMs (a minute of tail
 * stays, for processes a little behind); nothing the snapshot lacks is ever trimmed. `trimmed`
 * (milliseconds: ids below it are gone) lets a reader that fell further behind notice and reload.
 */
export const COMPACT = `${NEWER}
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local current = redis.call('HGET', KEYS[1], 'upto')
if current and not newer(ARGV[2], current) then return 0 end
local now = redis.call('TIME')
local cutoff = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(ARGV[3])
local uptoMs = tonumber(string.match(ARGV[2], '^(%d+)'))
local minid = string.format('%d', math.min(cutoff, uptoMs))
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'upto', ARGV[2], 'trimmed', minid)
redis.call('XTRIM', KEYS[2], 'MINID', minid)
return 1
`;

/**
 * KEYS: snapshot, stream, deleted; ARGV: origin, keepMs. Marks the session deleted, drops the
 * snapshot and appends a deletion entry that other processes read (then the stream expires).
 */
export const DELETE = `
redis.call('SET', KEYS[3], '1')
redis.call('DEL', KEYS[1])
redis.call('XADD', KEYS[2], '*', 'k', 'x', 'o', ARGV[1], 'm', '')
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`;

/**
 * KEYS: snapshot, stream, deleted; ARGV: state → 1 if stored. Seeds a room that Redis knows
 * nothing of with a document kept in files before REDIS_URL was set; never over anything.
 */
export const IMPORT = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'upto', '0-0')
return 1
`;

/** Runs a script by its SHA (EVALSHA), loading it again when Redis forgot it (a restart). */
export async function runScript(redis: Redis, lua: string, keys: string[], args: Array<string | Buffer | Uint8Array>): Promise<unknown> {
  const sha = shaOf(lua);
  const argv = args.map((a) => (typeof a === 'string' ? a : Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  try {
    return await redis.callBuffer('EVALSHA', sha, keys.length, ...keys, ...argv);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.callBuffer('EVAL', lua, keys.length, ...keys, ...argv);
  }
}

const shas = new Map<string, string>();
function shaOf(lua: string): string {
  let sha = shas.get(lua);
  if (!sha) shas.set(lua, (sha = createHash('sha1').update(lua).digest('hex')));
  return sha;
}
