import { printTable, runCase } from '../harness.ts';
import type { FanoutArgs, PresenceArgs, ServerKind } from '../cases/collab.ts';

/**
 * 50 stock y-websocket clients in one session on loopback, one editing at 50 Hz: how long an
 * update takes to reach every other client (target p95 < 50 ms) and the server's memory (RSS
 * at rest, at the end, peak), for our durable server beside the stock @y/websocket-server
 * (run as shipped, in its own process), same clients, same workload, same run. Then the
 * presence load of a VR session: all 50 publish head poses at 20 Hz. The clients share one
 * process, so their own work is part of the latencies (both servers alike); clientsPeakMB is
 * that process's peak. Presence `samples` counts poses received by the end of the window plus
 * 300 ms: fewer means the receivers fell behind (more messages to handle per pose).
 */
const CASE = 'tests/bench/cases/collab.ts';
const SERVERS: ServerKind[] = ['stock', 'ours'];

export async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const server of SERVERS) {
    const args: FanoutArgs = { server, clients: 50, updates: 300, intervalMs: 20, maxSeconds: 20 };
    const outcome = await runCase(CASE, 'fanout', args, 1024);
    rows.push({ ...outcome.result, clientsPeakMB: outcome.peakRssMB });
  }
  const probe = await runCase(CASE, 'fsyncProbe', {}, 512);
  printTable('disk floor on this machine, same run', [probe.result]);
  printTable('collab fan-out: 1 editor → 49 clients, 300 updates at 50 Hz (latency = last client reached)', rows);
  const ours = rows.find((r) => String(r.server).startsWith('ours'));
  const p95 = Number(ours?.p95Ms);
  console.log(`target p95 < 50 ms: ${p95 < 50 ? 'met' : 'NOT met'} (${p95.toFixed(1)} ms)`);

  const presenceRows: Record<string, string | number>[] = [];
  for (const server of SERVERS) {
    const args: PresenceArgs = { server, clients: 50, hz: 20, seconds: 5 };
    const outcome = await runCase(CASE, 'presence', args, 1024);
    presenceRows.push({ ...outcome.result, clientsPeakMB: outcome.peakRssMB });
  }
  printTable('collab presence: 50 headsets publishing head poses at 20 Hz for 5 s (latency per pose per receiver)', presenceRows);
}
