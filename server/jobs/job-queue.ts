import { SingleFlight } from './single-flight.ts';
import { availableParallelism } from 'node:os';
import type { AnalysisParams } from '../../shared/analysis-params.ts';
import type { AnalysisDescription, AnalysisEvent } from '../../shared/api-types.ts';
import { encodeBuffer } from '../../shared/binary.ts';
import type { AnalysisCatalog } from '../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import type { AnalysisListener, AnalysisRunner } from './analysis-runner.ts';
import { analysisKey } from './analysis-key.ts';
import { finalSummary } from './final-summary.ts';
import { LayoutThrottle } from './layout-throttle.ts';
import { QueueCaps, type QueueLimits } from './queue-caps.ts';
import { AnalysisFailedError, runPipelineInWorker, type WorkerRun } from './run-in-worker.ts';

export interface JobQueueOptions {
  datasets: DatasetCatalog;
  analyses: AnalysisCatalog;
  /** Analyses running at once (each in its own worker thread). */
  concurrency: number;
  /** Unfinished analyses a requester, and everyone together, may have; none = unbounded. */
  limits?: QueueLimits;
}


interface Running {
  run: WorkerRun;
  throttle: LayoutThrottle;
  /** One event object, handed to every subscriber: the SSE route encodes each event once. */
  latestLayout: AnalysisEvent | null;
  /** The points' rows (sent once): a late subscriber gets it before the latest layout. */
  rows: AnalysisEvent | null;
  /** The clusters, then the anomalies, once their stage ends: a late subscriber gets them after the latest layout. */
  clusters: AnalysisEvent | null;
  anomalies: AnalysisEvent | null;
}

/** A typed array as an event carries it: base64 of its shared/binary.ts buffer. */
const base64Buffer = (data: Parameters<typeof encodeBuffer>[0], options?: Parameters<typeof encodeBuffer>[1]): string => Buffer.from(encodeBuffer(data, options)).toString('base64');

/**
 * Runs analyses in worker threads, at most `concurrency` at once, in submission order. The main
 * thread only moves messages and files: it keeps answering HTTP and syncing sessions while jobs
 * run. Listeners (SSE streams, tests) get progress, throttled intermediate layouts and the end.
 */
export class JobQueue implements AnalysisRunner {
  private readonly queue: string[] = [];
  private readonly running = new Map<string, Running>();
  /** Ids holding a concurrency slot, from the moment they leave the queue (before their worker exists). */
  private readonly active = new Map<string, Promise<void>>();
  /** Jobs cancelled while their start() may still be unwinding: it must write nothing more. */
  private readonly cancelled = new Set<string>();
  /** Cancellations under way: a repeated cancel or a re-submit of the same request waits for them. */
  private readonly cancelling = new SingleFlight<boolean>();
  private readonly listeners = new Map<string, Set<AnalysisListener>>();
  private readonly caps: QueueCaps | null;
  private closed = false;

  /**
   * UMAP and t-SNE use a second thread on large data unless the queue's concurrent analyses
   * already take every core; then each keeps to one (undefined = the reducer's own default).
   */
  private readonly threadsPerJob: 1 | undefined;

  constructor(private readonly options: JobQueueOptions) {
    this.threadsPerJob = availableParallelism() >= 2 * options.concurrency ? undefined : 1;
    this.caps = options.limits ? new QueueCaps(options.limits) : null;
  }

  /** Re-queues what a previous process left queued or running (resumed from the start). */
  async resume(): Promise<void> {
    for (const a of this.options.analyses.unfinished()) {
      if (a.status === 'running') await this.options.analyses.update(a.id, { status: 'queued', progress: { stage: 'queued', fraction: 0 } });
      this.enqueue(a.id);
    }
  }

  /**
   * Returns the existing analysis for the same dataset + parameters instead of computing it twice.
   * A new one counts against `requester`'s place in the queue (QueueFullError beyond the limits);
   * without a requester (the demo, tests) nothing is counted.
   */
  async submit(datasetId: string, params: AnalysisParams, requester?: string): Promise<{ analysis: AnalysisDescription; existing: boolean }> {
    this.options.datasets.get(datasetId);
    const key = analysisKey(datasetId, params);
    let existing = this.options.analyses.findByKey(key);
    // Being cancelled: still 'running' on disk until its worker unwinds. Joining it would hand the
    // caller a job about to be cancelled; wait, then run it again.
    const cancelling = existing && this.cancelling.pending(existing.id);
    if (cancelling) {
      await cancelling;
      existing = this.options.analyses.findByKey(key);
    }
    if (existing && existing.status !== 'failed' && existing.status !== 'cancelled') return { analysis: existing, existing: true };
    const ticket = requester === undefined ? null : this.caps?.admit(requester);
    let analysis: AnalysisDescription;
    try {
      analysis = existing
        ? await this.options.analyses.update(existing.id, { status: 'queued', progress: { stage: 'queued', fraction: 0 }, error: undefined, finishedAt: undefined })
        : await this.options.analyses.create(datasetId, params, key);
    } catch (error) {
      if (ticket) this.caps?.release(ticket);
      throw error;
    }
    if (ticket) this.caps?.bind(ticket, analysis.id);
    this.enqueue(analysis.id);
    return { analysis: this.describe(analysis.id), existing: false };
  }

  /** The analysis with its live progress (and place in the queue while queued). */
  describe(id: string): AnalysisDescription {
    const analysis = this.options.analyses.get(id);
    const place = this.queue.indexOf(id);
    return place >= 0 ? { ...analysis, progress: { stage: 'queued', fraction: 0, place: place + 1 } } : analysis;
  }

  /** Stops a queued or running analysis; a finished one is left as it is (returns false). */
  cancel(id: string): Promise<boolean> {
    return this.cancelling.run(id, () => this.cancelNow(id));
  }

  private async cancelNow(id: string): Promise<boolean> {
    const analysis = this.options.analyses.get(id);
    if (analysis.status !== 'queued' && analysis.status !== 'running') return false;
    const place = this.queue.indexOf(id);
    if (place >= 0) this.queue.splice(place, 1);
    this.cancelled.add(id);
    const run = this.running.get(id);
    if (run) {
      this.running.delete(id);
      run.throttle.cancel();
      await run.run.cancel();
    }
    // Let a start() in flight (loading the table, saving results) unwind first, so that once
    // this returns nothing of the job writes again (the caller may delete its files next).
    await this.active.get(id);
    this.cancelled.delete(id);
    this.caps?.release(id);
    await this.finish(id, { status: 'cancelled', error: { code: 'cancelled', message: 'The analysis was cancelled.' } });
    this.pump();
    return true;
  }

  subscribe(id: string, listener: AnalysisListener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    const running = this.running.get(id);
    if (running?.rows) listener(running.rows);
    if (running?.latestLayout) listener(running.latestLayout);
    if (running?.clusters) listener(running.clusters);
    if (running?.anomalies) listener(running.anomalies);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await Promise.all([...this.running.values()].map((r) => (r.throttle.cancel(), r.run.cancel())));
    this.running.clear();
  }

  private enqueue(id: string): void {
    if (this.queue.includes(id) || this.active.has(id)) return;
    this.queue.push(id);
    this.announceQueue();
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.options.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const started = this.start(id)
        .catch((error: unknown) => {
          if (this.closed || this.cancelled.has(id)) return;
          console.error(`analysis ${id} could not start:`, error);
          return this.finish(id, { status: 'failed', error: { code: 'internal', message: 'The analysis could not start; see the server log.' } });
        })
        // A job whose record vanished (its dataset was deleted) has nothing left to report.
        .catch((error: unknown) => console.error(`analysis ${id}:`, error))
        .finally(() => {
          this.active.delete(id);
          this.caps?.release(id);
          this.pump();
        });
      this.active.set(id, started);
    }
    this.announceQueue();
  }

  private announceQueue(): void {
    this.queue.forEach((id) => this.emit(id, { type: 'progress', status: 'queued', progress: this.describe(id).progress }));
  }

  private async start(id: string): Promise<void> {
    const analysis = this.options.analyses.get(id);
    const stopped = () => this.closed || this.cancelled.has(id);
    const datasetName = this.options.datasets.describe(analysis.datasetId).name;
    const table = await this.options.datasets.readTable(analysis.datasetId);
    // Cancelled or shut down while the table was loading: nothing to start.
    if (stopped()) return;
    await this.options.analyses.update(id, { status: 'running', progress: { stage: 'prepare', fraction: 0 } });
    if (stopped()) return;
    const throttle = new LayoutThrottle((positions) => {
      const event: AnalysisEvent = { type: 'layout', stage: 'reduce', positions: base64Buffer(positions, { columns: 3 }) };
      running.latestLayout = event;
      this.emit(id, event);
    });
    const run = runPipelineInWorker(table, analysis.params, {
      onProgress: (stage, fraction) => {
        this.options.analyses.setProgress(id, { stage, fraction });
        this.emit(id, { type: 'progress', status: 'running', progress: { stage, fraction } });
      },
      onLayout: (positions) => throttle.push(positions),
      onRows: (rowIndex) => {
        running.rows = { type: 'rows', rowIndex: base64Buffer(rowIndex) };
        this.emit(id, running.rows);
      },
      // The reduction is over: its last layout goes out first, so the events stay in stage order.
      onClusters: (cluster) => {
        throttle.flushNow();
        running.clusters = { type: 'clusters', cluster: base64Buffer(cluster) };
        this.emit(id, running.clusters);
      },
      onAnomalies: (anomaly, anomalyFlag) => {
        running.anomalies = { type: 'anomalies', anomaly: base64Buffer(anomaly), anomalyFlag: base64Buffer(anomalyFlag) };
        this.emit(id, running.anomalies);
      },
      datasetName,
    }, this.threadsPerJob);
    const running: Running = { run, throttle, latestLayout: null, rows: null, clusters: null, anomalies: null };
    this.running.set(id, running);
    try {
      const { summary, clusterStats, ...arrays } = await run.result;
      throttle.cancel();
      if (stopped()) return;
      await this.options.analyses.saveResult(id, arrays, clusterStats);
      if (stopped()) return;
      await this.finish(id, { status: 'done', result: finalSummary(this.options.datasets, analysis, summary), progress: { stage: 'explain', fraction: 1 } });
    } catch (error) {
      throttle.cancel();
      // cancel() records a cancelled run; a shutdown resumes it on the next start.
      if (stopped() || (error instanceof AnalysisFailedError && error.code === 'cancelled')) return;
      if (!(error instanceof AnalysisFailedError)) console.error(`analysis ${id}: saving results failed:`, error);
      const e = error instanceof AnalysisFailedError ? error : new AnalysisFailedError('storage', 'The results could not be saved; see the server log.');
      await this.finish(id, { status: 'failed', error: { code: e.code, message: e.message } });
    } finally {
      if (this.running.get(id) === running) this.running.delete(id);
    }
  }

  private async finish(id: string, patch: Partial<AnalysisDescription>): Promise<void> {
    const analysis = await this.options.analyses.update(id, { ...patch, finishedAt: new Date().toISOString() });
    this.emit(id, { type: analysis.status === 'done' ? 'done' : 'failed', analysis });
  }

  private emit(id: string, event: AnalysisEvent): void {
    for (const listener of this.listeners.get(id) ?? []) listener(event);
  }
}
