import { HttpError } from './http-error.ts';

export interface SubscriberLimits {
  perAnalysis: number;
  perClient: number;
}

const RETRY_AFTER_SECONDS = 10;

/**
 * Open event streams per analysis and per client address. A stream costs the server a socket
 * and a copy of every layout on the wire; without a cap one client opened 200 on one analysis.
 * take() holds a seat or throws 429 (with Retry-After); the returned function gives it back.
 */
export class SubscriberCaps {
  private readonly byAnalysis = new Map<string, number>();
  private readonly byClient = new Map<string, number>();

  constructor(private readonly limits: SubscriberLimits) {}

  take(analysisId: string, client: string): () => void {
    const onAnalysis = this.byAnalysis.get(analysisId) ?? 0;
    const fromClient = this.byClient.get(client) ?? 0;
    const refuse = (message: string) => new HttpError(429, 'too_many_streams', message, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    if (fromClient >= this.limits.perClient) {
      throw refuse(`This client already has ${fromClient} analysis event streams open; at most ${this.limits.perClient} are allowed. Close one, or follow the analysis with GET /api/analyses/:id.`);
    }
    if (onAnalysis >= this.limits.perAnalysis) {
      throw refuse(`This analysis already has ${onAnalysis} event streams open; at most ${this.limits.perAnalysis} are allowed. Follow it with GET /api/analyses/:id instead.`);
    }
    bump(this.byAnalysis, analysisId, 1);
    bump(this.byClient, client, 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      bump(this.byAnalysis, analysisId, -1);
      bump(this.byClient, client, -1);
    };
  }

  /** Streams open on an analysis (tests). */
  openOn(analysisId: string): number {
    return this.byAnalysis.get(analysisId) ?? 0;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
