import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../../shared/api-types.ts';
import { decodeBuffer } from '../../../shared/binary.ts';
import { ANALYSIS_QUEUE, QUEUE_PREFIX } from '../../../server/jobs/bullmq/analysis-jobs.ts';
import { collectEvents, postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { ASSETS } from '../../support/assets.ts';
import { waitFor } from '../../support/collab-harness.ts';
import { ownerFetch, uploadAsset } from '../../support/http.ts';
import { REDIS_MISSING, startRedisServer, type RedisServer } from '../../support/redis-server.ts';
import { removeDir, startServerChild, tempDataDir, type ServerChild } from '../../support/server-process.ts';
import { startWorkerChild, type WorkerChild } from '../../support/worker-process.ts';

/** The queue's global bound (ANALYSIS_CONCURRENCY); the two workers offer twice as many slots. */
const BOUND = 2;
/** Short job locks so that a killed worker's job is retried within seconds, not 30. */
const FAST_STALLS = { WORKER_CONCURRENCY: '2', JOB_LOCK_MS: '2000', JOB_STALLED_CHECK_MS: '1000' };
/** Runs a few seconds on a worker thread: long enough to be cancelled or to lose its worker mid-run. */
const SLOW = { reduction: { method: 'tsne' as const }, clustering: { method: 'kmeans' as const, k: 10 } };

if (REDIS_MISSING) console.warn(`tests/integration/scaleout: ${REDIS_MISSING}`);

describe.skipIf(REDIS_MISSING !== null)('analyses on a BullMQ queue: 1 API process, 2 workers, one redis-server', () => {
  let redis: RedisServer;
  let dataDir: string;
  let api: ServerChild;
  let workers: WorkerChild[] = [];
  let queue: Queue;
  const datasets: Record<string, string> = {};

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = await tempDataDir();
    // The owner posts all 20 at once and watches each: room for them in the per-token caps.
    api = await startServerChild(dataDir, { REDIS_URL: redis.url, ANALYSIS_CONCURRENCY: String(BOUND), ANALYSIS_MAX_QUEUED_PER_TOKEN: '24', EVENTS_MAX_PER_CLIENT: '40' });
    workers = await Promise.all([startWorkerChild(redis.url, dataDir, FAST_STALLS), startWorkerChild(redis.url, dataDir, FAST_STALLS)]);
    queue = new Queue(ANALYSIS_QUEUE, { connection: { url: redis.url }, prefix: QUEUE_PREFIX });
    for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[]) datasets[name] = (await uploadAsset(api.url, name)).id;
  });
  afterAll(async () => {
    await queue?.close();
    for (const w of workers) await w.stop();
    await api?.stop();
    await redis?.stop();
    if (dataDir) await removeDir(dataDir);
  });

  it('runs 20 analyses of the demo tables to the end, never more at once than the global bound', async () => {
    const ids: string[] = [];
    for (const name of Object.keys(ASSETS)) {
      for (const k of [2, 3, 4, 5, 6]) ids.push((await postAnalysis(api.url, datasets[name], { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k } })).id);
    }
    expect(new Set(ids).size).toBe(20);
    let sampling = true;
    let mostActive = 0;
    const sampler = (async () => {
      while (sampling) {
        mostActive = Math.max(mostActive, await queue.getActiveCount());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.all(ids.map((id) => waitForAnalysis(api.url, id)));
    sampling = false;
    await sampler;
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 'done'));
    // Every result is whole on the shared DATA_DIR: the API serves what a worker wrote.
    for (const r of results) expect(r.result!.clusters.length).toBeGreaterThanOrEqual(2);
    const points = await ownerFetch(`${api.url}/api/analyses/${ids[0]}/positions.bin`);
    expect(points.status).toBe(200);
    expect(mostActive).toBeGreaterThan(0);
    expect(mostActive).toBeLessThanOrEqual(BOUND);
    // The workers' own account (start and end of every run): never more than BOUND overlap.
    expect(mostOverlapping(workers.map((w) => w.output()).join('\n'))).toBeLessThanOrEqual(BOUND);
  });

  it('streams progress from the worker and intermediate layouts (through Redis keys) over SSE, then the end', async () => {
    const { id } = await postAnalysis(api.url, datasets.seattle, { reduction: { method: 'umap' }, clustering: { method: 'kmeans', k: 3 } });
    const events = await collectEvents(api.url, id);
    const running = events.filter((e): e is Extract<AnalysisEvent, { type: 'progress' }> => e.type === 'progress' && e.status === 'running');
    expect(running.length).toBeGreaterThan(2);
    expect(running.some((e) => e.progress.stage === 'reduce')).toBe(true);
    const fractions = running.map((e) => e.progress.fraction);
    expect([...fractions].sort((x, y) => x - y)).toEqual(fractions);
    const layouts = events.filter((e): e is Extract<AnalysisEvent, { type: 'layout' }> => e.type === 'layout');
    expect(layouts.length).toBeGreaterThan(0);
    const layout = decodeBuffer(Buffer.from(layouts[0].positions, 'base64'));
    expect(layout.shape).toEqual([1461, 3]);
    expect(events.at(-1)!.type).toBe('done');
  });

  it('cancels a running analysis on its worker: the job ends cancelled and the worker takes work again', async () => {
    const { id } = await postAnalysis(api.url, datasets.seattle, SLOW);
    const events = collectEvents(api.url, id);
    await waitFor(() => workers.some((w) => w.output().includes(`analysis ${id} started`)), 60_000, 'the job to start on a worker');
    const response = await ownerFetch(`${api.url}/api/analyses/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { cancelled: boolean }).cancelled).toBe(true);
    const last = (await events).at(-1)!;
    expect(last.type === 'failed' && last.analysis.status).toBe('cancelled');
    // The worker's log line comes by its stdout pipe, the event by Redis and SSE: either may come first.
    await waitFor(() => workers.some((w) => w.output().includes(`analysis ${id} cancelled`)), 10_000, 'the worker to log the job cancelled');
    expect(await queue.getActiveCount()).toBe(0);
    const next = await postAnalysis(api.url, datasets.iris, { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 7 } });
    expect((await waitForAnalysis(api.url, next.id)).status).toBe('done');
  });

  it("retries a SIGKILLed worker's job on the other worker, which completes it", async () => {
    // Killed right after it starts (its thread is still loading): a small UMAP is enough, and cheap to run again.
    const { id } = await postAnalysis(api.url, datasets.iris, { reduction: { method: 'umap' }, clustering: { method: 'kmeans', k: 9 } });
    const events = collectEvents(api.url, id);
    await waitFor(() => workers.some((w) => w.output().includes(`analysis ${id} started`)), 60_000, 'the job to start on a worker');
    const victim = workers.find((w) => w.output().includes(`analysis ${id} started`))!;
    const survivor = workers.find((w) => w !== victim)!;
    await victim.kill();
    const last = (await events).at(-1)!;
    expect(last.type === 'done' && last.analysis.status).toBe('done');
    // As above: the log line and the event race.
    await waitFor(() => survivor.output().includes(`analysis ${id} done`), 10_000, 'the survivor to log the job done');
  });
});

/** The most runs in flight at once, from the workers' "started … at=" and "done|failed|cancelled … at=" lines. */
function mostOverlapping(log: string): number {
  const moments: { at: number; delta: number }[] = [];
  for (const m of log.matchAll(/analysis \S+ (started|done|failed|cancelled) on worker \S+ at=(\d+)/g)) {
    moments.push({ at: Number(m[2]), delta: m[1] === 'started' ? 1 : -1 });
  }
  // At one millisecond an end comes before a start: a slot freed and taken again is not an overlap.
  moments.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let most = 0;
  for (const m of moments) most = Math.max(most, (now += m.delta));
  return most;
}
