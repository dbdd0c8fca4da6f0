import type { PendingView } from '../session/use-pending-analysis.ts';
import { readyStage } from './stage-words.ts';

/**
 * What the session's pending analysis is doing: the stage's name, saying which of its results
 * the cloud already shows ("Clusters ready · finding anomalies…"), and "Loading the new
 * analysis" once done. `plain`: without the glyphs the VR panel's font lacks.
 */
export function pendingStage(view: PendingView, plain = false): string {
  if ((view.progress?.fraction ?? 0) >= 1) return 'Loading the new analysis';
  return readyStage(view.progress?.stage ?? 'queued', { clusters: view.cluster !== null, anomalies: view.anomalyFlag !== null }, plain);
}

/** The pending analysis in one line: its stage and progress, or how it ended. */
export function pendingText(view: PendingView): string {
  const { pending } = view;
  if (pending.state === 'cancelled') return 'The re-analysis was cancelled; the session keeps its analysis.';
  if (pending.state === 'failed') return `The re-analysis failed: ${pending.message} The session keeps its analysis.`;
  // No "·" here: the VR panel's bundled font has no glyph for it.
  return `Re-analysing for everyone: ${pendingStage(view, true)} (${Math.round((view.progress?.fraction ?? 0) * 100)}%)`;
}
