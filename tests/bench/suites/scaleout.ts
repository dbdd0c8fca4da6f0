import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { printTable, runCase } from '../harness.ts';
import type { FanoutArgs, JoinArgs, MemoryArgs, Setup } from '../cases/scaleout.ts';
import { REDIS_MISSING } from '../../support/redis-server.ts';

/**
 * Issue 14's proof for the rooms (`npm run bench -- scaleout`): 500 stock y-websocket clients
 * in one session, 250 on each of two server processes sharing it through Redis, one writer at
 * 10 updates/s; beside one process with all 500 (no Redis). Then a join after 10,000 updates,
 * and Redis' memory under steady edits. Targets: 0 missed, p95 ≤ 50 ms, identical ≤ 2 s after
 * the last write, join ≤ 1 s, memory flat.
 *
 * SCALEOUT_SECONDS (default 60) sets the writer's run, SCALEOUT_MEMORY_SECONDS (default 180)
 * the memory run, SCALEOUT_CLIENTS (default 500) the room: shorten them while developing.
 * The clients live in SCALEOUT_CLIENT_PROCESSES (default 4) processes besides the writer's:
 * all in one event loop, their own work would be most of every latency.
 */
const CASE = 'tests/bench/cases/scaleout.ts';
const env = (name: string, fallback: number): number => Number(process.env[name] || fallback);

export async function run(): Promise<void> {
  if (REDIS_MISSING) {
    console.log(`scaleout: ${REDIS_MISSING}`);
    return;
  }
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${execFileSync('nproc').toString().trim()} cores)`);
  const setups: Setup[] = ['embedded', 'redis-2'];
  const rows: Record<string, string | number>[] = [];
  for (const setup of setups) {
    const args: FanoutArgs = { setup, clients: env('SCALEOUT_CLIENTS', 500), hz: 10, seconds: env('SCALEOUT_SECONDS', 60), clientProcesses: env('SCALEOUT_CLIENT_PROCESSES', 4) };
    const outcome = await runCase(CASE, 'fanout', args, 4096);
    rows.push({ ...outcome.result, clientsPeakMB: outcome.peakRssMB });
  }
  printTable('one writer at 10 updates/s → every client (latency: to the last client on the other process; clientsPeakMB: the writer\'s process)', rows);
  const redis = rows.find((r) => String(r.setup).includes('Redis'));
  if (redis) {
    const ok = Number(redis.missed) === 0 && Number(redis.p95Ms) <= 50 && Number(redis.identicalAfterMs) <= 2000;
    console.log(`targets (0 missed, p95 ≤ 50 ms, identical ≤ 2 s): ${ok ? 'met' : 'NOT met'}`);
  }

  const joinRows: Record<string, string | number>[] = [];
  for (const setup of setups) {
    const args: JoinArgs = { setup, updates: 10_000 };
    joinRows.push((await runCase(CASE, 'join', args, 2048)).result);
  }
  printTable('a client joins after 10,000 updates (target ≤ 1 s)', joinRows);

  const memory: MemoryArgs = { seconds: env('SCALEOUT_MEMORY_SECONDS', 180), sampleSeconds: 10 };
  printTable('Redis memory: 1 writer + 10 presences at 10 Hz through 2 processes', [(await runCase(CASE, 'redisMemory', memory, 1024)).result]);
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
