import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { AnalysisEvent } from '../../../shared/api-types.ts';
import type { AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { ASSETS } from '../../support/assets.ts';
import { ownerFetch, uploadAsset } from '../../support/http.ts';
import { REDIS_MISSING, startRedisServer } from '../../support/redis-server.ts';
import { removeDir, startServerChild, tempDataDir } from '../../support/server-process.ts';
import { startWorkerChild, type WorkerChild } from '../../support/worker-process.ts';
import { printTable } from '../harness.ts';

/**
 * Analyses on BullMQ workers (REDIS_URL) beside the embedded server, on the same tables in the
 * same run: 20 UMAP analyses of the demo tables on 1 worker vs 2 (each runs one at a time; the
 * global bound is 2), time from a new analysis' POST to its stream saying it runs and to its
 * first progress from the pipeline (both on the stream opened after the POST), and time from
 * DELETE to the stream's end for a running t-SNE. Wall times on a shared machine are inflated:
 * read the ratios, and the workers' CPU seconds (from /proc) for the work itself.
 */
type Setup = 'embedded' | '1 worker' | '2 workers';

const TWENTY: [keyof typeof ASSETS, AnalysisParamsInput][] = (Object.keys(ASSETS) as (keyof typeof ASSETS)[]).flatMap((name) =>
  [2, 3, 4, 5, 6].map((k): [keyof typeof ASSETS, AnalysisParamsInput] => [name, { reduction: { method: 'umap' }, clustering: { method: 'kmeans', k } }]),
);
const PROBES = 8;
const CANCELS = 5;

export async function run(): Promise<void> {
  if (REDIS_MISSING) {
    console.log(REDIS_MISSING);
    return;
  }
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const rows: Record<string, string | number>[] = [];
  for (const setup of ['embedded', '1 worker', '2 workers'] as Setup[]) rows.push(await measure(setup));
  printTable('20 UMAP analyses (4 demo tables × k 2–6), first progress and cancel latency', rows);
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

async function measure(setup: Setup): Promise<Record<string, string | number>> {
  const dataDir = await tempDataDir('mirage-bench-');
  const redis = setup === 'embedded' ? null : await startRedisServer();
  const env: Record<string, string> = { ANALYSIS_CONCURRENCY: '2', ANALYSIS_MAX_QUEUED_PER_TOKEN: '32', EVENTS_MAX_PER_CLIENT: '40' };
  const api = await startServerChild(dataDir, redis ? { ...env, REDIS_URL: redis.url } : env);
  const workers: WorkerChild[] = [];
  try {
    if (redis) for (let i = 0; i < (setup === '2 workers' ? 2 : 1); i++) workers.push(await startWorkerChild(redis.url, dataDir, { WORKER_CONCURRENCY: '1' }));
    const ids: Record<string, string> = {};
    for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[]) ids[name] = (await uploadAsset(api.url, name)).id;
    const cpuBefore = await cpuSeconds([api.child.pid!, ...workers.map((w) => w.pid)]);
    const start = performance.now();
    const posted = await Promise.all(TWENTY.map(([name, params]) => postAnalysis(api.url, ids[name], params)));
    const results = await Promise.all(posted.map((p) => waitForAnalysis(api.url, p.id, 600_000)));
    const allMs = performance.now() - start;
    const cpu = (await cpuSeconds([api.child.pid!, ...workers.map((w) => w.pid)])) - cpuBefore;
    const firstRunning: number[] = [];
    const firstProgress: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const t0 = performance.now();
      const { id } = await postAnalysis(api.url, ids.seattle, { reduction: { method: 'umap' }, clustering: { method: 'kmeans', k: 2 + i }, seed: 7 });
      // "running" is announced when a worker takes the job (embedded: once the table is loaded);
      // the pipeline's own first step (a fraction above 0) comes from its worker thread.
      await until(api.url, id, (e) => e.type === 'progress' && e.status === 'running');
      firstRunning.push(performance.now() - t0);
      await until(api.url, id, (e) => e.type === 'progress' && e.status === 'running' && e.progress.fraction > 0);
      firstProgress.push(performance.now() - t0);
      await waitForAnalysis(api.url, id);
    }
    const cancelMs: number[] = [];
    for (let i = 0; i < CANCELS; i++) {
      const { id } = await postAnalysis(api.url, ids.seattle, { reduction: { method: 'tsne' }, clustering: { method: 'kmeans', k: 3 + i } });
      await until(api.url, id, (e) => e.type === 'progress' && e.status === 'running' && e.progress.stage === 'reduce');
      const t0 = performance.now();
      const ended = until(api.url, id, (e) => e.type === 'failed');
      await ownerFetch(`${api.url}/api/analyses/${id}`, { method: 'DELETE' });
      await ended;
      cancelMs.push(performance.now() - t0);
    }
    return {
      setup,
      done: `${results.filter((r) => r.status === 'done').length}/20`,
      all20Ms: Math.round(allMs),
      cpuSecondsApiAndWorkers: cpu,
      runningP50Ms: Math.round(quantile(firstRunning, 0.5)),
      firstProgressP50Ms: Math.round(quantile(firstProgress, 0.5)),
      firstProgressMaxMs: Math.round(Math.max(...firstProgress)),
      cancelP50Ms: Math.round(quantile(cancelMs, 0.5)),
      cancelMaxMs: Math.round(Math.max(...cancelMs)),
    };
  } finally {
    for (const w of workers) await w.stop();
    await api.stop();
    await redis?.stop();
    await removeDir(dataDir);
  }
}

/** Resolves when the analysis' event stream sends an event `match` accepts (the first frame counts: it is the status at subscription). */
async function until(baseUrl: string, id: string, match: (e: AnalysisEvent) => boolean): Promise<void> {
  const response = await ownerFetch(`${baseUrl}/api/analyses/${id}/events`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data:'));
      buffer = buffer.slice(end + 2);
      if (!data) continue;
      const event = JSON.parse(data.slice(5)) as AnalysisEvent;
      if (match(event)) return; // leaving the loop cancels the stream
      if (event.type === 'done' || event.type === 'failed') throw new Error(`analysis ${id} ended before the awaited event`);
    }
  }
  throw new Error(`the event stream of ${id} closed early`);
}

/** User + system CPU seconds of these processes (their worker threads included), from /proc. */
async function cpuSeconds(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
