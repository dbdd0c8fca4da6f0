import type { PipelineStage } from '../../../shared/analysis-result.ts';
import { REDIS_PREFIX } from '../../store/shared/redis-keys.ts';

/** The BullMQ queue of analyses (keys `mirage:analyses:*`). */
export const ANALYSIS_QUEUE = 'analyses';
export const QUEUE_PREFIX = REDIS_PREFIX;

/** A job names its analysis; everything else (dataset, parameters) is in analysis.json on the shared DATA_DIR. */
export interface AnalysisJobData {
  analysisId: string;
}

/** How the job ended; a run that failed is a result too (a retry would fail the same way). */
export interface AnalysisJobResult {
  status: 'done' | 'failed' | 'cancelled';
}

/**
 * What a worker sends through job.updateProgress (and every API process receives as a queue
 * event): small objects only. A layout travels through a Redis key (layoutKey), the event just
 * says a new one is there.
 */
export type AnalysisJobProgress = { kind: 'progress'; stage: PipelineStage; fraction: number } | { kind: 'layout'; seq: number };

export function isJobProgress(data: unknown): data is AnalysisJobProgress {
  if (!data || typeof data !== 'object') return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'progress' || kind === 'layout';
}

/** The newest intermediate layout of a running analysis (base64 of the binary positions), kept for LAYOUT_TTL_S. */
export const layoutKey = (analysisId: string) => `${REDIS_PREFIX}:analysis-layout:${analysisId}`;
export const LAYOUT_TTL_S = 60;

/**
 * Cancel crosses processes: the API sets this key (so a worker that picks the job up later, after
 * a stall, drops it) and publishes the id on CANCEL_CHANNEL (so the worker running it aborts now).
 */
export const cancelKey = (analysisId: string) => `${REDIS_PREFIX}:analysis-cancelled:${analysisId}`;
export const CANCEL_TTL_S = 3600;
export const CANCEL_CHANNEL = `${REDIS_PREFIX}:analysis-cancel`;
