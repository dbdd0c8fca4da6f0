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
 * The early results of a run that pages show ahead of its end (docs/explorer.md, issue 13): each
 * point's row once prepared, its cluster once clustered, its anomaly scores once scored. The
 * worker keeps the AnalysisEvent itself (JSON) in a Redis key (earlyKey) for the run's length.
 */
export type EarlyEventType = 'rows' | 'clusters' | 'anomalies';
export const EARLY_EVENT_TYPES: readonly EarlyEventType[] = ['rows', 'clusters', 'anomalies'];

/**
 * What a worker sends through job.updateProgress (and every API process receives as a queue
 * event): small objects only. A layout or an early result travels through a Redis key
 * (layoutKey, earlyKey), the event just says a new one is there.
 */
export type AnalysisJobProgress = { kind: 'progress'; stage: PipelineStage; fraction: number } | { kind: 'layout'; seq: number } | { kind: EarlyEventType };

export function isJobProgress(data: unknown): data is AnalysisJobProgress {
  if (!data || typeof data !== 'object') return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'progress' || kind === 'layout' || EARLY_EVENT_TYPES.includes(kind as EarlyEventType);
}

/** A running analysis's early result (the AnalysisEvent as JSON); a run deletes its own when it ends, the TTL covers a killed worker. */
export const earlyKey = (analysisId: string, type: EarlyEventType) => `${REDIS_PREFIX}:analysis-${type}:${analysisId}`;
export const EARLY_TTL_S = 6 * 3600;

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
