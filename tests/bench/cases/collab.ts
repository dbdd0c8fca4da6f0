import { readFileSync } from 'node:fs';
import type * as Y from 'yjs';
import { timed } from '../harness.ts';
import { startCollabChild, type CollabChild } from '../../support/collab-child.ts';
import { startStockCollabChild, STOCK_SERVER_VERSION } from '../../support/stock-collab-child.ts';
import { connectClient, sleep, tempDataDir, waitFor, whenSynced, type TestClient } from '../../support/collab-harness.ts';
import { initialAwarenessState } from '../../../shared/session/index.ts';

/**
 * Fan-out latency: one editor and N-1 viewers (stock y-websocket clients, all in this process)
 * in one session on loopback; the server runs in its own child process so its memory is its
 * own. Latency of update i = time until the last of the other clients has it. The servers:
 * ours (auth, read-only viewers, every update durable before it is relayed) and the stock
 * @y/websocket-server as shipped (in memory, no auth), with the same clients and workload.
 */
export type ServerKind = 'ours' | 'stock';

export interface FanoutArgs {
  server: ServerKind;
  clients: number;
  updates: number;
  intervalMs: number;
  maxSeconds: number;
}

const SESSION = 'bench-session-01';
const EDIT = 'bench-edit-token-000000';
const VIEW = 'bench-view-token-000000';

/** Resident and peak resident memory of another process, MB (Linux /proc). */
function memoryOf(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) another process has used so far, ms (Linux /proc, 100 ticks/s). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const label = (server: ServerKind): string =>
  server === 'ours' ? 'ours (fsync before relay)' : `stock @y/websocket-server ${STOCK_SERVER_VERSION} (in memory)`;

/** The server under test in its own process; ours keeps its update log under `dataDir`. */
function startServer(server: ServerKind, dataDir: string): Promise<CollabChild> {
  return server === 'ours' ? startCollabChild(dataDir, SESSION, EDIT, VIEW) : startStockCollabChild();
}

/** The server's memory columns of a result line: resident at rest, at the end, and its peak. */
function memoryColumns(pid: number, idle: { rssMB: number }): Record<string, number> {
  const now = memoryOf(pid);
  return { serverIdleMB: idle.rssMB, serverRssMB: now.rssMB, serverPeakMB: now.peakMB };
}

export async function fanout(args: FanoutArgs): Promise<Record<string, number | string>> {
  // Each y-websocket provider in Node adds a process 'exit' listener.
  process.setMaxListeners(args.clients + 10);
  const data = await tempDataDir();
  const child = await startServer(args.server, data.dir);
  const idle = memoryOf(child.child.pid!);
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < args.clients; i++) clients.push(connectClient(child.wsBase, SESSION, i === 0 ? EDIT : VIEW));
    await Promise.all(clients.map((c) => whenSynced(c, 30_000)));
    clients.forEach((c, i) => c.provider.awareness.setLocalState(initialAwarenessState(`client ${i}`, '#336699', 'desktop')));
    await sleep(200);

    const sent: number[] = [];
    const lastArrival: number[] = [];
    const arrivals: number[] = [];
    for (const receiver of clients.slice(1)) {
      receiver.doc.getMap('bench').observe((event: Y.YMapEvent<unknown>) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          const i = Number(key.slice(1));
          arrivals[i] = (arrivals[i] ?? 0) + 1;
          lastArrival[i] = Math.max(lastArrival[i] ?? 0, now);
        }
      });
    }
    const editor = clients[0].doc.getMap('bench');
    const cpuBefore = cpuMsOf(child.child.pid!);
    const { ms } = await timed(async () => {
      const deadline = performance.now() + args.maxSeconds * 1000;
      for (let i = 0; i < args.updates && performance.now() < deadline; i++) {
        sent[i] = performance.now();
        editor.set(`u${i}`, { i, pad: 'x'.repeat(64) });
        await sleep(args.intervalMs);
      }
      const others = args.clients - 1;
      await waitFor(() => sent.every((_, i) => arrivals[i] === others), 10_000, 'every update at every client').catch(() => undefined);
    });
    const latencies = sent.map((t, i) => lastArrival[i] - t).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    const lost = sent.filter((_, i) => arrivals[i] !== args.clients - 1).length;
    return {
      server: label(args.server),
      clients: args.clients,
      updates: sent.length,
      serverCpuMs: cpuMsOf(child.child.pid!) - cpuBefore,
      lost,
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      maxMs: latencies[latencies.length - 1] ?? NaN,
      runMs: ms,
      ...memoryColumns(child.child.pid!, idle),
    };
  } finally {
    for (const c of clients) c.destroy();
    await child.kill();
    await data.remove();
  }
}

export interface PresenceArgs {
  server: ServerKind;
  clients: number;
  hz: number;
  seconds: number;
}

/**
 * Presence load of a VR session: every client publishes its head pose at `hz`. Latency of a
 * pose = time until another client's awareness has it (the send time rides in the pose).
 */
export async function presence(args: PresenceArgs): Promise<Record<string, number | string>> {
  process.setMaxListeners(args.clients + 10);
  const data = await tempDataDir();
  const child = await startServer(args.server, data.dir);
  const idle = memoryOf(child.child.pid!);
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < args.clients; i++) clients.push(connectClient(child.wsBase, SESSION, i % 2 === 0 ? EDIT : VIEW));
    await Promise.all(clients.map((c) => whenSynced(c, 30_000)));
    const latencies: number[] = [];
    let measuring = false;
    for (const c of clients) {
      c.provider.awareness.on('change', ({ updated }: { updated: number[] }) => {
        if (!measuring) return;
        const now = performance.now();
        for (const id of updated) {
          const sentAt = (c.provider.awareness.getStates().get(id) as { head?: { position?: number[] } } | undefined)?.head?.position?.[0];
          if (typeof sentAt === 'number' && id !== c.doc.clientID) latencies.push(now - sentAt);
        }
      });
    }
    const base = clients.map((_, i) => initialAwarenessState(`client ${i}`, '#336699', 'vr'));
    clients.forEach((c, i) => c.provider.awareness.setLocalState(base[i]));
    await sleep(500);
    const cpuBefore = cpuMsOf(child.child.pid!);
    const { ms } = await timed(async () => {
      measuring = true;
      const end = performance.now() + args.seconds * 1000;
      const period = 1000 / args.hz;
      let sent = 0;
      while (performance.now() < end) {
        const tickStart = performance.now();
        for (let i = 0; i < clients.length; i++) {
          clients[i].provider.awareness.setLocalState({
            ...base[i],
            head: { position: [performance.now(), 1.6, 0], quaternion: [0, 0, 0, 1] },
          });
          sent++;
        }
        await sleep(Math.max(0, period - (performance.now() - tickStart)));
      }
      await sleep(300);
      measuring = false;
      return sent;
    });
    latencies.sort((a, b) => a - b);
    return {
      server: label(args.server),
      clients: args.clients,
      posesPerSecond: args.clients * args.hz,
      samples: latencies.length,
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      runMs: ms,
      serverCpuMs: cpuMsOf(child.child.pid!) - cpuBefore,
      ...memoryColumns(child.child.pid!, idle),
    };
  } finally {
    for (const c of clients) c.destroy();
    await child.kill();
    await data.remove();
  }
}

/**
 * The floor under our relay latency on this machine, now: append 150 bytes to a file opened
 * with O_DSYNC, the way the update log does, 200 times at 50 Hz.
 */
export async function fsyncProbe(): Promise<Record<string, number | string>> {
  const { open } = await import('node:fs/promises');
  const { constants } = await import('node:fs');
  const { join } = await import('node:path');
  const data = await tempDataDir();
  const handle = await open(join(data.dir, 'probe.log'), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC);
  const times: number[] = [];
  try {
    const { ms } = await timed(async () => {
      for (let i = 0; i < 200; i++) {
        const start = performance.now();
        await handle.write(Buffer.alloc(150, i));
        times.push(performance.now() - start);
        await sleep(20);
      }
    });
    times.sort((a, b) => a - b);
    return { work: 'append 150 B, O_DSYNC', p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), maxMs: times[times.length - 1], runMs: ms };
  } finally {
    await handle.close();
    await data.remove();
  }
}
