import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';
import { timed } from '../harness.ts';
import { connectClient, sleep, waitFor, whenSynced, type TestClient } from '../../support/collab-harness.ts';
import { postJson, uploadAsset } from '../../support/http.ts';
import { startScaleoutCluster } from '../../support/scaleout-cluster.ts';
import { removeDir, startServerChild, tempDataDir, type ServerChild } from '../../support/server-process.ts';
import type { SessionCreated } from '../../../shared/api-types.ts';
import { initialAwarenessState } from '../../../shared/session/index.ts';
import { roomKeys } from '../../../server/collab/redis/room-keys.ts';

/**
 * Issue 14's proof of the rooms, as figures: real server processes (`npm start`'s entry), one
 * real redis-server, stock y-websocket clients all in this process (their own work is part of
 * every latency, alike for every setup). 'redis-2': two processes sharing the session through
 * Redis; 'embedded': one process, files, no Redis: the baseline.
 */
export type Setup = 'redis-2' | 'embedded';

interface Running {
  servers: ServerChild[];
  session: SessionCreated;
  wsBase(i: number): string;
  redisUrl: string | null;
  close(): Promise<void>;
}

/** Seats per process: the 500 clients of the proof are above the default cap of 200 per session. */
const SEATS = { COLLAB_MAX_CONNECTIONS: '600' };

async function start(setup: Setup): Promise<Running> {
  if (setup === 'redis-2') {
    const cluster = await startScaleoutCluster(2, SEATS);
    return { servers: cluster.servers, session: cluster.session, wsBase: cluster.wsBase, redisUrl: cluster.redis.url, close: cluster.close };
  }
  const dataDir = await tempDataDir('mirage-bench-embedded-');
  const server = await startServerChild(dataDir, SEATS);
  try {
    const dataset = await uploadAsset(server.url, 'penguins');
    const response = await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, title: 'bench' });
    const session = (await response.json()) as SessionCreated;
    return {
      servers: [server],
      session,
      wsBase: () => `${server.url.replace(/^http/, 'ws')}/yjs`,
      redisUrl: null,
      async close() {
        await server.stop();
        await removeDir(dataDir);
      },
    };
  } catch (error) {
    await server.stop();
    await removeDir(dataDir);
    throw error;
  }
}

/** Peak resident memory (VmHWM) and CPU time (user + system) of another process (Linux /proc). */
function usageOf(pid: number): { peakMB: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { peakMB: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export interface FanoutArgs {
  setup: Setup;
  clients: number;
  hz: number;
  seconds: number;
  /** Processes hosting the clients (the writer stays in this one). */
  clientProcesses: number;
}

interface HostReport {
  received: number[];
  lastFar: number[];
  lastAll: number[];
}

const hostScript = fileURLToPath(new URL('./scaleout-client-host.ts', import.meta.url));

/** Starts a client host with its share of the clients; resolves once they are all synced. */
function startHost(setup: { clients: Array<{ wsBase: string; far: boolean }>; sessionId: string; token: string }): Promise<{ host: ChildProcess; finish(): Promise<HostReport> }> {
  const host = fork(hostScript, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    host.once('error', reject);
    host.once('exit', (code) => reject(new Error(`client host exited with ${code}`)));
    host.once('message', () =>
      resolve({
        host,
        finish: () =>
          new Promise((done) => {
            host.once('message', (report) => done(report as HostReport));
            host.send('finish');
          }),
      }),
    );
    host.send(setup);
  });
}

/**
 * One writer (on process 0, in this process) at `hz` for `seconds`; the other clients are
 * viewers spread evenly over the server processes and hosted by `clientProcesses` processes.
 * Latency of an update = until the last client on the other server process has it (on one
 * process: the last client). Missed = updates some client never got.
 */
export async function fanout(args: FanoutArgs): Promise<Record<string, number | string>> {
  const running = await start(args.setup);
  const processes = running.servers.length;
  const hosts: Array<Awaited<ReturnType<typeof startHost>>> = [];
  let writer: TestClient | null = null;
  try {
    writer = connectClient(running.wsBase(0), running.session.id, running.session.editToken);
    await whenSynced(writer);
    const viewers = Array.from({ length: args.clients - 1 }, (_, i) => {
      const server = (i + 1) % processes;
      return { wsBase: running.wsBase(server), far: processes === 1 || server !== 0 };
    });
    const share = Math.ceil(viewers.length / args.clientProcesses);
    for (let h = 0; h < args.clientProcesses; h++) {
      const mine = viewers.slice(h * share, (h + 1) * share);
      if (mine.length > 0) hosts.push(await startHost({ clients: mine, sessionId: running.session.id, token: running.session.viewToken }));
    }
    const now = (): number => performance.timeOrigin + performance.now();
    const sent: number[] = [];
    const before = running.servers.map((s) => usageOf(s.child.pid!));
    const editor = writer.doc.getMap('bench');
    const period = 1000 / args.hz;
    const count = Math.round(args.seconds * args.hz);
    const { ms } = await timed(async () => {
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        sent[i] = now();
        editor.set(`u${i}`, i);
        await sleep(Math.max(0, t0 + (i + 1) * period - performance.now()));
      }
    });
    // Stragglers: a few seconds for what is still on its way (counted as missed after that).
    await sleep(3_000);
    const reports = await Promise.all(hosts.map((h) => h.finish()));
    const after = running.servers.map((s) => usageOf(s.child.pid!));
    const got = (i: number): number => reports.reduce((n, r) => n + (r.received[i] ?? 0), 0);
    const latestOf = (field: 'lastFar' | 'lastAll', i: number): number => Math.max(...reports.map((r) => r[field][i] ?? -Infinity));
    const latencies = sent.map((s, i) => latestOf('lastFar', i) - s).filter(Number.isFinite).sort((a, b) => a - b);
    const missed = sent.filter((_, i) => got(i) !== viewers.length).length;
    const lastArrival = Math.max(...sent.map((_, i) => latestOf('lastAll', i)));
    return {
      setup: args.setup === 'redis-2' ? '2 processes + Redis' : '1 process (embedded)',
      clients: args.clients,
      updates: count,
      missed,
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      maxMs: latencies[latencies.length - 1],
      identicalAfterMs: missed === 0 ? lastArrival - sent[sent.length - 1] : NaN,
      runMs: ms,
      serverPeakMB: after.map((u) => u.peakMB.toFixed(0)).join(' + '),
      serverCpuMs: after.map((u, i) => u.cpuMs - before[i].cpuMs).join(' + '),
    };
  } finally {
    writer?.destroy();
    for (const h of hosts) h.host.kill();
    await running.close();
  }
}

export interface JoinArgs {
  setup: Setup;
  updates: number;
}

/**
 * A client joins after `updates` edits by 20 writers on process 0: time to synced, and whether
 * it has them all. With two processes it joins the other one, which loads the room from Redis
 * (snapshot + tail in one script); in one process the room is still in memory.
 */
export async function join(args: JoinArgs): Promise<Record<string, number | string>> {
  process.setMaxListeners(64);
  const running = await start(args.setup);
  const writers: TestClient[] = [];
  try {
    const perWriter = Math.ceil(args.updates / 20);
    for (let i = 0; i < 20; i++) writers.push(connectClient(running.wsBase(0), running.session.id, running.session.editToken));
    await Promise.all(writers.map((c) => whenSynced(c)));
    writers.forEach((w, i) => {
      for (let j = 0; j < perWriter; j++) w.doc.getMap('bench').set(`w${i}-${j}`, j);
    });
    const total = perWriter * 20;
    await waitFor(() => writers.every((w) => w.doc.getMap('bench').size === total), 120_000, 'the writers to converge');
    for (const w of writers) w.destroy();
    writers.length = 0;
    await sleep(500);
    const { value: joiner, ms } = await timed(async () => {
      const c = connectClient(running.wsBase(running.servers.length - 1), running.session.id, running.session.viewToken);
      await whenSynced(c, 30_000);
      return c;
    });
    const got = joiner.doc.getMap('bench').size;
    joiner.destroy();
    return { setup: args.setup === 'redis-2' ? '2 processes + Redis' : '1 process (embedded)', updates: total, joinMs: ms, complete: got === total ? 'yes' : `NO (${got})` };
  } finally {
    for (const w of writers) w.destroy();
    await running.close();
  }
}

export interface MemoryArgs {
  seconds: number;
  sampleSeconds: number;
}

/**
 * Steady edits (a writer at 10 Hz) and presence (10 clients at 10 Hz) through two processes
 * for `seconds`: Redis' used memory and the room's stream length, sampled. Flat = compaction
 * and trimming keep up.
 */
export async function redisMemory(args: MemoryArgs): Promise<Record<string, number | string>> {
  process.setMaxListeners(64);
  const running = await start('redis-2');
  const redis = new Redis(running.redisUrl!, { maxRetriesPerRequest: null });
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < 10; i++) clients.push(connectClient(running.wsBase(i % 2), running.session.id, running.session.editToken));
    await Promise.all(clients.map((c) => whenSynced(c)));
    const stream = roomKeys(running.session.id).stream;
    const samples: Array<{ usedMB: number; entries: number }> = [];
    const sample = async () => {
      const info = await redis.info('memory');
      samples.push({ usedMB: Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN) / 2 ** 20, entries: await redis.xlen(stream) });
    };
    await sample();
    const end = performance.now() + args.seconds * 1000;
    let nextSample = performance.now() + args.sampleSeconds * 1000;
    for (let i = 0; performance.now() < end; i++) {
      clients[0].doc.getMap('bench').set(`k${i % 500}`, i);
      clients.forEach((c, j) => c.provider.awareness.setLocalState({ ...initialAwarenessState(`client ${j}`, '#336699', 'vr'), hovered: (i + j) % 300 }));
      if (performance.now() >= nextSample) {
        await sample();
        nextSample += args.sampleSeconds * 1000;
      }
      await sleep(100);
    }
    await sample();
    const half = samples.slice(Math.floor(samples.length / 2));
    return {
      seconds: args.seconds,
      usedMBFirst: samples[0].usedMB,
      usedMBMaxSecondHalf: Math.max(...half.map((s) => s.usedMB)),
      usedMBLast: samples[samples.length - 1].usedMB,
      entriesMaxSecondHalf: Math.max(...half.map((s) => s.entries)),
      entriesLast: samples[samples.length - 1].entries,
      usedMBSeries: samples.map((s) => s.usedMB.toFixed(2)).join(' '),
    };
  } finally {
    for (const c of clients) c.destroy();
    redis.disconnect();
    await running.close();
  }
}
