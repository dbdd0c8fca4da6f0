import type { AnalysisParams } from '../../shared/analysis-params.ts';
import type { AnalysisDescription, AnalysisEvent } from '../../shared/api-types.ts';

export type AnalysisListener = (event: AnalysisEvent) => void;

/**
 * What the API and the services need of whatever runs analyses: the seam between them and the
 * job machinery. The embedded implementation is JobQueue (worker threads in this process); with
 * REDIS_URL it is QueuedAnalyses (server/jobs/bullmq/), which hands jobs to `npm run worker`
 * processes through BullMQ. Both send the same AnalysisEvents (docs/http-api.md, the SSE contract).
 */
export interface AnalysisRunner {
  /** Picks up what a previous start left queued or running. */
  resume(): Promise<void>;
  /**
   * Returns the existing analysis for the same dataset + parameters instead of computing it
   * twice; a new one counts against `requester`'s place (QueueFullError beyond the limits).
   */
  submit(datasetId: string, params: AnalysisParams, requester?: string): Promise<{ analysis: AnalysisDescription; existing: boolean }>;
  /** The analysis with its live progress (and place in the queue while queued). */
  describe(id: string): AnalysisDescription;
  /** Stops a queued or running analysis (false when it had already ended); nothing of it writes afterwards. */
  cancel(id: string): Promise<boolean>;
  /** Progress, intermediate layouts and the end of one analysis; returns the unsubscribe. */
  subscribe(id: string, listener: AnalysisListener): () => void;
  close(): Promise<void>;
}
