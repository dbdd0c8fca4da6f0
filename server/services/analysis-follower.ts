import type { AnalysisDescription, AnalysisEvent } from '../../shared/api-types.ts';

/** What following an analysis needs of the job queue. */
export interface AnalysisEvents {
  subscribe(id: string, listener: (event: AnalysisEvent) => void): () => void;
  describe(id: string): AnalysisDescription;
}

export type AnalysisEnd = { analysisId: string } & ({ status: 'done' } | { status: 'failed' | 'cancelled'; message: string });

/**
 * Waits, per session, for the end of the analysis it is moving to, and calls `onEnd` once with
 * the outcome. Following another analysis for the same session replaces the earlier wait (the
 * latest request wins). Subscribes before reading the status, so an analysis that ends in
 * between is seen by one or the other, never by neither (as the SSE route does).
 */
export class AnalysisFollower {
  private readonly waits = new Map<string, { analysisId: string; stop: () => void }>();

  constructor(
    private readonly jobs: AnalysisEvents,
    private readonly onEnd: (sessionId: string, end: AnalysisEnd) => Promise<void>,
  ) {}

  follow(sessionId: string, analysisId: string): void {
    this.stop(sessionId);
    let ended = false;
    const end = (analysis: AnalysisDescription) => {
      if (ended) return;
      ended = true;
      unsubscribe();
      if (this.waits.get(sessionId)?.analysisId === analysisId) this.waits.delete(sessionId);
      const outcome: AnalysisEnd =
        analysis.status === 'done'
          ? { analysisId, status: 'done' }
          : { analysisId, status: analysis.status === 'cancelled' ? 'cancelled' : 'failed', message: analysis.error?.message ?? 'no reason given' };
      this.onEnd(sessionId, outcome).catch((error: unknown) => console.error(`session ${sessionId}: finishing the move to analysis ${analysisId} failed:`, error));
    };
    const unsubscribe = this.jobs.subscribe(analysisId, (event) => {
      if (event.type === 'done' || event.type === 'failed') end(event.analysis);
    });
    this.waits.set(sessionId, { analysisId, stop: unsubscribe });
    const now = this.jobs.describe(analysisId);
    if (now.status === 'done' || now.status === 'failed' || now.status === 'cancelled') end(now);
  }

  /** Whether this follower waits for that analysis's end for the session. */
  follows(sessionId: string, analysisId: string): boolean {
    return this.waits.get(sessionId)?.analysisId === analysisId;
  }

  /** Stops waiting for the session's analysis (the session moved elsewhere); nothing is called. */
  stop(sessionId: string): void {
    this.waits.get(sessionId)?.stop();
    this.waits.delete(sessionId);
  }

  /** Stops every wait (the server is closing). */
  close(): void {
    for (const wait of this.waits.values()) wait.stop();
    this.waits.clear();
  }
}
