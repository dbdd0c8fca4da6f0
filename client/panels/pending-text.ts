import type { PendingView } from '../session/use-pending-analysis.ts';
import { stageName } from './analysis-progress.tsx';

/** What the session's pending analysis is doing, as the stage's name ("Loading the new analysis" once done). */
export function pendingStage(view: PendingView): string {
  if ((view.progress?.fraction ?? 0) >= 1) return 'Loading the new analysis';
  return stageName(view.progress?.stage ?? 'queued');
}

/** The pending analysis in one line: its stage and progress, or how it ended. */
export function pendingText(view: PendingView): string {
  const { pending } = view;
  if (pending.state === 'cancelled') return 'The re-analysis was cancelled; the session keeps its analysis.';
  if (pending.state === 'failed') return `The re-analysis failed: ${pending.message} The session keeps its analysis.`;
  // No "·" here: the VR panel's bundled font has no glyph for it.
  return `Re-analysing for everyone: ${pendingStage(view)} (${Math.round((view.progress?.fraction ?? 0) * 100)}%)`;
}
