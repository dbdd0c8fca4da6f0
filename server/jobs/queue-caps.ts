/** How many analyses may wait or run at once: per requester and in total. */
export interface QueueLimits {
  /** All requesters together. */
  total: number;
  /** One requester (the owner, or one session's edit token). */
  perRequester: number;
}

/**
 * A submission refused because the queue is full; the API answers 429 with Retry-After. The
 * wait is a hint, not a promise: analyses take seconds to minutes, and a slot frees when one ends.
 */
export class QueueFullError extends Error {
  readonly code = 'queue_full';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'QueueFullError';
  }
}

const RETRY_AFTER_SECONDS = 30;

/**
 * Counts the unfinished analyses (queued or running) each requester submitted, so that one
 * client cannot queue hundreds behind a heavy job and make everyone else wait behind them.
 * A place is held from the moment a submission is admitted (before its record is written), so
 * submissions racing through the awaits of submit() cannot overshoot the limits.
 */
export class QueueCaps {
  /** Admitted submissions (a ticket until the analysis has an id) → their requester. */
  private readonly holders = new Map<object | string, string>();

  constructor(private readonly limits: QueueLimits) {}

  /** Holds a place for the requester, or throws QueueFullError. Returns the ticket to bind or release. */
  admit(requester: string): object {
    let mine = 0;
    for (const who of this.holders.values()) if (who === requester) mine++;
    if (mine >= this.limits.perRequester) {
      throw new QueueFullError(
        `You already have ${mine} analyses queued or running; at most ${this.limits.perRequester} are allowed at once. Wait for one to finish (or cancel one) and try again.`,
        RETRY_AFTER_SECONDS,
      );
    }
    if (this.holders.size >= this.limits.total) {
      throw new QueueFullError(
        `The server has ${this.holders.size} analyses queued or running; at most ${this.limits.total} are allowed at once. Try again when some have finished.`,
        RETRY_AFTER_SECONDS,
      );
    }
    const ticket = {};
    this.holders.set(ticket, requester);
    return ticket;
  }

  /** The admitted submission became this analysis (queued now). */
  bind(ticket: object, analysisId: string): void {
    const requester = this.holders.get(ticket);
    if (requester === undefined) return;
    this.holders.delete(ticket);
    this.holders.set(analysisId, requester);
  }

  /** A ticket whose submission failed, or an analysis that finished, failed or was cancelled. */
  release(key: object | string): void {
    this.holders.delete(key);
  }
}
