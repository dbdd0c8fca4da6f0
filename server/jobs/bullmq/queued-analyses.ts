import { SingleFlight } from '../single-flight.ts';
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import type { AnalysisDescription, AnalysisEvent } from '../../../shared/api-types.ts';
import type { AnalysisCatalog } from '../../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../../store/dataset-catalog.ts';
import { analysisKey } from '../analysis-key.ts';
import type { AnalysisListener, AnalysisRunner } from '../analysis-runner.ts';
import { QueueCaps, QueueFullError, type QueueLimits } from '../queue-caps.ts';
import { CANCEL_CHANNEL, CANCEL_TTL_S, cancelKey, EARLY_EVENT_TYPES, earlyKey, isJobProgress, layoutKey, type AnalysisJobData, type AnalysisJobResult, type EarlyEventType } from './analysis-jobs.ts';

/** How long cancel() waits for the worker running the job to stop it (a dead worker's job ends when it is next picked up). */
const CANCEL_WAIT_MS = 15_000;
/** Places in the queue are recomputed at most this often (each recount reads the waiting list). */
const PLACES_EVERY_MS = 100;

const ended = (status: AnalysisDescription['status']) => status === 'done' || status === 'failed' || status === 'cancelled';

/** What a new listener of a running analysis is told first, in this order (as the embedded JobQueue replays them). */
interface Shown {
  rows?: AnalysisEvent;
  layout?: AnalysisEvent;
  clusters?: AnalysisEvent;
  anomalies?: AnalysisEvent;
}
const replayOrder = ['rows', 'layout', 'clusters', 'anomalies'] as const;

/**
 * The AnalysisRunner of an API process with REDIS_URL: analyses are BullMQ jobs (job id = the
 * analysis id = its content key on a shared DATA_DIR, so the same request on two API processes is
 * one job) that `npm run worker` processes run. Every API process hears every job's events
 * (QueueEvents) and keeps a small mirror of live progress and queue places, so describe() stays
 * a synchronous read as in the embedded JobQueue, and SSE streams get the same AnalysisEvents.
 */
export class QueuedAnalyses implements AnalysisRunner {
  private readonly listeners = new Map<string, Set<AnalysisListener>>();
  private readonly live = new Map<string, AnalysisDescription['progress']>();
  private readonly places = new Map<string, number>();
  /** Per running analysis watched here: its rows, latest layout and early results, for listeners that come later. */
  private readonly shown = new Map<string, Shown>();
  /** Per analysis: fetches of its layouts and early results run one after another, so listeners get them in order. */
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly endWaiters = new Map<string, Set<() => void>>();
  private readonly cancelling = new SingleFlight<boolean>();
  private readonly caps: QueueCaps | null;
  private placesTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly options: {
      datasets: DatasetCatalog;
      /** On a shared DATA_DIR: every read is revalidated against the record's file (store-sharing.ts). */
      analyses: AnalysisCatalog;
      queue: Queue<AnalysisJobData, AnalysisJobResult>;
      events: QueueEvents;
      /** Commands: layouts, cancel keys and the cancel channel. */
      redis: Redis;
      /** Analyses running at once on all workers together (the queue's global concurrency). */
      concurrency: number;
      limits?: QueueLimits;
    },
  ) {
    this.caps = options.limits ? new QueueCaps(options.limits) : null;
  }

  async start(): Promise<void> {
    const { events, queue, concurrency } = this.options;
    events.on('waiting', () => this.schedulePlaces());
    events.on('active', ({ jobId }) => this.onActive(jobId));
    events.on('progress', ({ jobId, data }) => void this.onProgress(jobId, data));
    events.on('completed', ({ jobId }) => void this.onEnd(jobId, null));
    events.on('failed', ({ jobId, failedReason }) => void this.onEnd(jobId, failedReason));
    events.on('removed', ({ jobId }) => void this.onEnd(jobId, null));
    // Its worker died: the job waits again (its new place is announced), to run from the start.
    events.on('stalled', ({ jobId }) => {
      this.live.delete(jobId);
      this.shown.delete(jobId);
      this.schedulePlaces();
    });
    events.on('error', (error) => console.error(`analysis queue events: ${error.message}`));
    await events.waitUntilReady();
    await queue.setGlobalConcurrency(concurrency);
  }

  /** Makes sure every unfinished analysis has its job (adding one that exists does nothing). */
  async resume(): Promise<void> {
    for (const a of this.options.analyses.unfinished()) await this.enqueue(a.id);
    this.schedulePlaces();
  }

  async submit(datasetId: string, params: AnalysisParams, requester?: string): Promise<{ analysis: AnalysisDescription; existing: boolean }> {
    const { analyses, datasets, queue } = this.options;
    datasets.get(datasetId);
    const key = analysisKey(datasetId, params);
    // By key among the records known here (one made before REDIS_URL has a random id), else by the
    // id a shared DATA_DIR gives it (the key); get() reads the record as it is now on disk.
    const find = () => {
      const id = analyses.findByKey(key)?.id ?? key;
      return analyses.datasetOf(id) === null ? undefined : analyses.get(id);
    };
    let existing = find();
    const cancelling = existing && this.cancelling.pending(existing.id);
    if (cancelling) {
      await cancelling;
      existing = find();
    }
    if (existing && !(existing.status === 'failed' || existing.status === 'cancelled')) {
      // Adding a job that exists does nothing; one lost with Redis (or never added) is added again.
      if (!ended(existing.status)) await this.enqueue(existing.id);
      return { analysis: this.describe(existing.id), existing: true };
    }
    const ticket = requester === undefined ? null : this.caps?.admit(requester);
    let analysis: AnalysisDescription;
    try {
      if (this.options.limits) {
        const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'delayed');
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        if (total >= this.options.limits.total) {
          throw new QueueFullError(`The workers have ${total} analyses queued or running; at most ${this.options.limits.total} are allowed at once. Try again when some have finished.`, 30);
        }
      }
      // On a shared DATA_DIR an analysis is named by its key: two API processes that get the same
      // request at once write the same record and add the same job.
      analysis = existing
        ? await analyses.update(existing.id, { status: 'queued', progress: { stage: 'queued', fraction: 0 }, error: undefined, finishedAt: undefined })
        : await analyses.create(datasetId, params, key, key);
      await this.options.redis.del(cancelKey(analysis.id));
      await this.enqueue(analysis.id);
    } catch (error) {
      if (ticket) this.caps?.release(ticket);
      throw error;
    }
    if (ticket) this.caps?.bind(ticket, analysis.id);
    this.schedulePlaces();
    return { analysis: this.describe(analysis.id), existing: false };
  }

  describe(id: string): AnalysisDescription {
    const analysis = this.options.analyses.get(id);
    if (ended(analysis.status)) return analysis;
    const live = this.live.get(id);
    if (live) return { ...analysis, status: 'running', progress: live };
    // Waiting: new, or back in the queue after its worker died (the record still says running).
    const place = this.places.get(id);
    return place === undefined ? analysis : { ...analysis, status: 'queued', progress: { stage: 'queued', fraction: 0, place } };
  }

  cancel(id: string): Promise<boolean> {
    return this.cancelling.run(id, () => this.cancelNow(id));
  }

  /**
   * The cancel key first (a worker that picks the job up from now on drops it), then the record,
   * then the job: removed if it still waits, else the id is published and the worker running it
   * aborts its thread and completes the job as cancelled, which this waits for.
   */
  private async cancelNow(id: string): Promise<boolean> {
    const { analyses, queue, redis } = this.options;
    const analysis = analyses.get(id);
    if (ended(analysis.status)) return false;
    await redis.set(cancelKey(id), '1', 'EX', CANCEL_TTL_S);
    const end = this.waitForEnd(id);
    const record = await analyses.update(id, { status: 'cancelled', error: { code: 'cancelled', message: 'The analysis was cancelled.' }, finishedAt: new Date().toISOString() });
    if ((await queue.remove(id)) !== 1) await redis.publish(CANCEL_CHANNEL, id);
    // The job's end (removed, or completed by its worker) is reported to listeners by onEnd; a
    // worker that died holding it ends it when the job is next picked up, after this gave up waiting.
    if (!(await end)) {
      this.forget(id);
      this.emit(id, { type: 'failed', analysis: record });
    }
    return true;
  }

  subscribe(id: string, listener: AnalysisListener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    const shown = this.shown.get(id);
    if (shown?.rows) for (const kind of replayOrder) if (shown[kind]) listener(shown[kind]);
    // Nothing fetched here yet (nobody watched it when its rows came): what its worker shared so far.
    else this.inOrder(id, () => this.catchUp(id));
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.placesTimer) clearTimeout(this.placesTimer);
    for (const waiters of this.endWaiters.values()) for (const w of waiters) w();
    await this.options.events.close();
    await this.options.queue.close();
  }

  private async enqueue(id: string): Promise<void> {
    await this.options.queue.add('analysis', { analysisId: id }, { jobId: id, removeOnComplete: true, removeOnFail: true, attempts: 1 });
  }

  private onActive(id: string): void {
    this.places.delete(id);
    this.schedulePlaces();
    if (!this.live.has(id)) this.live.set(id, { stage: 'prepare', fraction: 0 });
    this.emit(id, { type: 'progress', status: 'running', progress: this.live.get(id)! });
  }

  private async onProgress(id: string, data: unknown): Promise<void> {
    if (!isJobProgress(data)) return;
    if (data.kind === 'progress') {
      const progress = { stage: data.stage, fraction: data.fraction };
      this.live.set(id, progress);
      this.emit(id, { type: 'progress', status: 'running', progress });
      return;
    }
    // Layouts and early results are fetched only where someone watches this analysis.
    if (!this.listeners.has(id)) return;
    const kind = data.kind;
    this.inOrder(id, async () => {
      if (kind === 'layout') {
        const positions = await this.options.redis.get(layoutKey(id));
        if (positions !== null) this.show(id, 'layout', { type: 'layout', stage: 'reduce', positions });
      } else {
        const json = await this.options.redis.get(earlyKey(id, kind));
        if (json !== null) this.show(id, kind, JSON.parse(json) as AnalysisEvent);
      }
    });
  }

  /** Keeps a layout or early result for later listeners and sends it to the present ones (while the run is live here). */
  private show(id: string, kind: keyof Shown, event: AnalysisEvent): void {
    if (!this.live.has(id) || !this.listeners.has(id)) return;
    const shown = this.shown.get(id) ?? {};
    shown[kind] = event;
    this.shown.set(id, shown);
    this.emit(id, event);
  }

  /** A listener came after the run's rows: what the worker shared so far, read from Redis once. */
  private async catchUp(id: string): Promise<void> {
    if (this.shown.get(id)?.rows || !this.listeners.has(id)) return;
    const types: (EarlyEventType | 'layout')[] = [...EARLY_EVENT_TYPES, 'layout'];
    const stored = await this.options.redis.mget(...types.map((t) => (t === 'layout' ? layoutKey(id) : earlyKey(id, t))));
    if (stored[0] === null) return; // not running, or not that far yet: the events will come
    if (this.options.analyses.datasetOf(id) === null || ended(this.options.analyses.get(id).status)) return;
    if (!this.live.has(id)) this.live.set(id, this.options.analyses.get(id).progress);
    const events = new Map<keyof Shown, AnalysisEvent>();
    types.forEach((type, i) => {
      const value = stored[i];
      if (value === null) return;
      events.set(type, type === 'layout' ? { type: 'layout', stage: 'reduce', positions: value } : (JSON.parse(value) as AnalysisEvent));
    });
    for (const kind of replayOrder) {
      const event = events.get(kind);
      if (event) this.show(id, kind, event);
    }
  }

  private inOrder(id: string, work: () => Promise<void>): void {
    const next = (this.fetching.get(id) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => console.error(`analysis ${id}: reading its live results from Redis:`, error));
    this.fetching.set(id, next);
    void next.finally(() => {
      if (this.fetching.get(id) === next) this.fetching.delete(id);
    });
  }

  /** A job completed, failed (a worker threw, or it stalled too often) or was removed: report the record's end. */
  private async onEnd(id: string, failedReason: string | null): Promise<void> {
    const { analyses } = this.options;
    this.forget(id);
    this.schedulePlaces();
    try {
      if (analyses.datasetOf(id) === null) return;
      let analysis = analyses.get(id);
      if (failedReason !== null && !ended(analysis.status)) {
        console.error(`analysis ${id} failed on its worker: ${failedReason}`);
        analysis = await analyses.update(id, { status: 'failed', error: { code: 'internal', message: 'The analysis could not run; see the worker log.' }, finishedAt: new Date().toISOString() });
      }
      if (ended(analysis.status)) this.emit(id, { type: analysis.status === 'done' ? 'done' : 'failed', analysis });
    } finally {
      for (const resolve of this.endWaiters.get(id) ?? []) resolve();
      this.endWaiters.delete(id);
    }
  }

  private forget(id: string): void {
    this.live.delete(id);
    this.shown.delete(id);
    this.places.delete(id);
    this.caps?.release(id);
  }

  /** Resolves true when the job's end is heard, false after CANCEL_WAIT_MS. */
  private waitForEnd(id: string): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let set = this.endWaiters.get(id);
      if (!set) this.endWaiters.set(id, (set = new Set()));
      const heard = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        set.delete(heard);
        resolve(false);
      }, CANCEL_WAIT_MS);
      set.add(heard);
    });
  }

  private schedulePlaces(): void {
    if (this.placesTimer || this.closed) return;
    this.placesTimer = setTimeout(() => {
      this.placesTimer = null;
      this.recountPlaces().catch((error: unknown) => console.error('counting queue places:', error));
    }, PLACES_EVERY_MS);
  }

  /** Places of the waiting jobs, oldest first; those that changed are sent to their listeners. */
  private async recountPlaces(): Promise<void> {
    const waiting = await this.options.queue.getJobs(['wait', 'prioritized'], 0, -1, true);
    const before = new Map(this.places);
    this.places.clear();
    waiting.forEach((job, i) => job.id && this.places.set(job.id, i + 1));
    for (const [id, place] of this.places) {
      if (before.get(id) !== place) this.emit(id, { type: 'progress', status: 'queued', progress: { stage: 'queued', fraction: 0, place } });
    }
  }

  private emit(id: string, event: AnalysisEvent): void {
    for (const listener of this.listeners.get(id) ?? []) listener(event);
  }
}
