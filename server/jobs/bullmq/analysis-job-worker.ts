import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PipelineStage } from '../../../shared/analysis-result.ts';
import { encodeBuffer } from '../../../shared/binary.ts';
import type { AnalysisCatalog, AnalysisPatch } from '../../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../../store/dataset-catalog.ts';
import { finalSummary } from '../final-summary.ts';
import { LayoutThrottle } from '../layout-throttle.ts';
import { AnalysisFailedError, runPipelineInWorker, type WorkerRun } from '../run-in-worker.ts';
import type { AnalysisEvent } from '../../../shared/api-types.ts';
import { ANALYSIS_QUEUE, CANCEL_CHANNEL, cancelKey, EARLY_EVENT_TYPES, EARLY_TTL_S, earlyKey, LAYOUT_TTL_S, layoutKey, QUEUE_PREFIX, type AnalysisJobData, type AnalysisJobProgress, type AnalysisJobResult, type EarlyEventType } from './analysis-jobs.ts';
import type { WorkerSettings } from './worker-settings.ts';

const base64 = (data: Parameters<typeof encodeBuffer>[0], options?: Parameters<typeof encodeBuffer>[1]): string => Buffer.from(encodeBuffer(data, options)).toString('base64');

/** Progress events at most this often per job (a stage change always goes at once): small and few. */
const PROGRESS_EVERY_MS = 100;

/**
 * One `npm run worker` process: takes analysis jobs from BullMQ and runs each in its own
 * sandboxed worker thread (run-in-worker.ts, as the embedded JobQueue does), writes the
 * results to the shared DATA_DIR and reports progress and layouts through the queue's events.
 */
export class AnalysisJobWorker {
  private worker: Worker<AnalysisJobData, AnalysisJobResult> | null = null;
  private readonly running = new Map<string, WorkerRun>();
  private readonly cancelled = new Set<string>();
  private readonly threadsPerJob: 1 | undefined;

  constructor(
    private readonly options: {
      /** Commands (layouts, cancel checks). */
      redis: Redis;
      /** Subscriber connection for the cancel channel. */
      subscriber: Redis;
      /** A connection BullMQ's Worker may block on. */
      connection: Redis;
      datasets: DatasetCatalog;
      analyses: AnalysisCatalog;
      settings: WorkerSettings;
      /** Names this worker in its log lines. */
      name: string;
    },
  ) {
    this.threadsPerJob = availableParallelism() >= 2 * options.settings.concurrency ? undefined : 1;
  }

  async start(): Promise<void> {
    const { subscriber, settings } = this.options;
    subscriber.on('message', (channel: string, id: string) => {
      if (channel === CANCEL_CHANNEL) this.cancelHere(id);
    });
    await subscriber.subscribe(CANCEL_CHANNEL);
    this.worker = new Worker<AnalysisJobData, AnalysisJobResult>(ANALYSIS_QUEUE, (job) => this.process(job), {
      connection: this.options.connection,
      prefix: QUEUE_PREFIX,
      concurrency: settings.concurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: settings.maxStalledCount,
    });
    this.worker.on('error', (error) => console.error(`worker ${this.options.name}: ${error.message}`));
    // A job that threw before its run (its table unreadable, the disk full): the API records it failed and points here.
    this.worker.on('failed', (job, error) => console.error(`analysis ${job?.data.analysisId ?? '?'} could not run on worker ${this.options.name}:`, error));
    await this.worker.waitUntilReady();
  }

  /** Waits for the jobs running here to finish (a second signal in worker.ts exits at once: they are then retried elsewhere). */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  private cancelHere(id: string): void {
    const run = this.running.get(id);
    if (!run) return;
    this.cancelled.add(id);
    void run.cancel();
  }

  private async process(job: Job<AnalysisJobData, AnalysisJobResult>): Promise<AnalysisJobResult> {
    const { analyses, datasets, redis, name } = this.options;
    const id = job.data.analysisId;
    // Reads on the shared DATA_DIR are revalidated against the files: this is the record as it is now.
    if (analyses.datasetOf(id) === null) return { status: 'cancelled' }; // deleted with its dataset
    const analysis = analyses.get(id);
    if (analysis.status === 'done') return { status: 'done' }; // finished just before a stall
    if (await redis.exists(cancelKey(id))) return this.end(id, 'cancelled');
    const datasetName = datasets.describe(analysis.datasetId).name;
    const table = await datasets.readTable(analysis.datasetId);
    await analyses.update(id, { status: 'running', progress: { stage: 'prepare', fraction: 0 }, error: undefined, finishedAt: undefined });
    const send = (progress: AnalysisJobProgress) => job.updateProgress(progress).catch(() => {}); // the job may have ended meanwhile
    void send({ kind: 'progress', stage: 'prepare', fraction: 0 });
    console.log(`analysis ${id} started on worker ${name} at=${Date.now()}`);
    // A run taken over from a killed worker starts afresh: nothing of the earlier run is shown.
    await redis.del(layoutKey(id), ...EARLY_EVENT_TYPES.map((type) => earlyKey(id, type)));
    // Commands on one connection complete in order, so the events go out in the pipeline's order.
    let seq = 0;
    const layouts = new LayoutThrottle((positions) => {
      const encoded = base64(positions, { columns: 3 });
      const n = ++seq;
      redis.set(layoutKey(id), encoded, 'EX', LAYOUT_TTL_S).then(() => send({ kind: 'layout', seq: n }), () => {});
    });
    const share = (type: EarlyEventType, event: AnalysisEvent) => {
      redis.set(earlyKey(id, type), JSON.stringify(event), 'EX', EARLY_TTL_S).then(() => send({ kind: type }), () => {});
    };
    let last = { stage: 'prepare' as PipelineStage, at: 0 };
    const run = runPipelineInWorker(table, analysis.params, {
      onProgress: (stage, fraction) => {
        analyses.setProgress(id, { stage, fraction });
        const now = Date.now();
        if (stage === last.stage && now - last.at < PROGRESS_EVERY_MS && fraction < 1) return;
        last = { stage, at: now };
        void send({ kind: 'progress', stage, fraction });
      },
      onLayout: (positions) => layouts.push(positions),
      onRows: (rowIndex) => share('rows', { type: 'rows', rowIndex: base64(rowIndex) }),
      // The reduction is over: its last layout goes out first, so the events stay in stage order.
      onClusters: (cluster) => {
        layouts.flushNow();
        share('clusters', { type: 'clusters', cluster: base64(cluster) });
      },
      onAnomalies: (anomaly, anomalyFlag) => share('anomalies', { type: 'anomalies', anomaly: base64(anomaly), anomalyFlag: base64(anomalyFlag) }),
      datasetName,
    }, this.threadsPerJob);
    this.running.set(id, run);
    // A cancel published while the table was loading reached no running job: look again.
    if (await redis.exists(cancelKey(id))) this.cancelHere(id);
    try {
      const { summary, clusterStats, ...arrays } = await run.result;
      layouts.cancel();
      await analyses.saveResult(id, arrays, clusterStats);
      return await this.end(id, 'done', { result: finalSummary(datasets, analysis, summary), progress: { stage: 'explain', fraction: 1 } });
    } catch (error) {
      layouts.cancel();
      if (this.cancelled.has(id) || (error instanceof AnalysisFailedError && error.code === 'cancelled')) return await this.end(id, 'cancelled');
      if (!(error instanceof AnalysisFailedError)) console.error(`analysis ${id}: saving results failed:`, error);
      const e = error instanceof AnalysisFailedError ? error : new AnalysisFailedError('storage', 'The results could not be saved; see the worker log.');
      return await this.end(id, 'failed', { error: { code: e.code, message: e.message } });
    } finally {
      this.running.delete(id);
      this.cancelled.delete(id);
      await redis.del(layoutKey(id), ...EARLY_EVENT_TYPES.map((type) => earlyKey(id, type))).catch(() => {});
    }
  }

  private async end(id: string, status: AnalysisJobResult['status'], patch: AnalysisPatch = {}): Promise<AnalysisJobResult> {
    const error = status === 'cancelled' ? { code: 'cancelled', message: 'The analysis was cancelled.' } : patch.error;
    await this.options.analyses.update(id, { ...patch, status, error, finishedAt: new Date().toISOString() });
    console.log(`analysis ${id} ${status} on worker ${this.options.name} at=${Date.now()}`);
    return { status };
  }
}
