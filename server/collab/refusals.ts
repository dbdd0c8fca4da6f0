import { CollabError } from './errors.ts';
import { CLOSE } from './protocol.ts';

export type RefusalKind = 'sessionFull' | 'rateLimited' | 'documentTooLarge' | 'tooFarBehind' | 'serverOwned';

/** Why the server closes a connection it would otherwise keep: code and reason go to the client. */
export interface Refusal {
  kind: RefusalKind;
  code: number;
  reason: string;
}

export const SESSION_FULL: Refusal = { kind: 'sessionFull', code: CLOSE.tooMany, reason: 'session is full' };
export const DOCUMENT_TOO_LARGE: Refusal = { kind: 'documentTooLarge', code: CLOSE.documentTooLarge, reason: 'document too large' };
/** An editor's update writing the dataset or analysis a session shows (server-owned-meta.ts); not applied. */
export const SERVER_OWNED: Refusal = { kind: 'serverOwned', code: CLOSE.forbidden, reason: "the session's analysis is changed through the server" };
/** More than maxBufferedBytes waiting to be read: 1013, so the client reconnects (and resyncs). */
export const TOO_FAR_BEHIND: Refusal = { kind: 'tooFarBehind', code: CLOSE.tryAgainLater, reason: 'too far behind' };

export function rateLimited(reason: string): Refusal {
  return { kind: 'rateLimited', code: CLOSE.tooMany, reason };
}

const ERROR_CODES: Record<RefusalKind, string> = {
  sessionFull: 'session_full',
  rateLimited: 'rate_limited',
  documentTooLarge: 'document_too_large',
  tooFarBehind: 'too_far_behind',
  serverOwned: 'server_owned',
};

/** Refusals of one reason in one session since the first of them was logged. */
interface Burst {
  refusal: Refusal;
  sessionId: string;
  unlogged: number;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Counts refusals by kind (for stats()) and logs them like errors, so an operator sees floods,
 * and limits set too low for their events, in the server log. A reconnect storm refuses the
 * same thing many times a second, so per session and reason the first refusal is logged at
 * once and the ones after it as one count per window (a minute by default).
 */
export class RefusalLog {
  private readonly counts: Record<RefusalKind, number> = { sessionFull: 0, rateLimited: 0, documentTooLarge: 0, tooFarBehind: 0, serverOwned: 0 };
  private readonly bursts = new Map<string, Burst>();

  constructor(
    private readonly onError: (err: unknown, context: string) => void,
    private readonly windowMs = 60_000,
  ) {}

  record(refusal: Refusal, sessionId: string): void {
    this.counts[refusal.kind]++;
    const key = `${refusal.kind}\n${refusal.reason}\n${sessionId}`;
    const burst = this.bursts.get(key);
    if (burst) {
      burst.unlogged++;
      return;
    }
    this.onError(this.error(refusal), `session ${sessionId}: closed a connection over a limit`);
    this.openWindow(key, refusal, sessionId);
  }

  snapshot(): Record<RefusalKind, number> {
    return { ...this.counts };
  }

  /** Logs every count still waiting for its window to end (the server is closing). */
  flush(): void {
    for (const [key, burst] of this.bursts) {
      clearTimeout(burst.timer);
      this.bursts.delete(key);
      this.logCount(burst);
    }
  }

  private openWindow(key: string, refusal: Refusal, sessionId: string): void {
    const burst: Burst = { refusal, sessionId, unlogged: 0, timer: setTimeout(() => this.closeWindow(key, burst), this.windowMs) };
    // Counts are only logged: they must not keep the process alive.
    burst.timer.unref?.();
    this.bursts.set(key, burst);
  }

  /** A storm still going on keeps being reported once per window; a quiet one ends. */
  private closeWindow(key: string, burst: Burst): void {
    this.bursts.delete(key);
    if (!this.logCount(burst)) return;
    this.openWindow(key, burst.refusal, burst.sessionId);
  }

  private logCount(burst: Burst): boolean {
    if (burst.unlogged === 0) return false;
    const n = burst.unlogged;
    this.onError(
      this.error(burst.refusal),
      `session ${burst.sessionId}: closed ${n} more connection${n === 1 ? '' : 's'} over a limit (${burst.refusal.reason}) since the last report`,
    );
    return true;
  }

  private error(refusal: Refusal): CollabError {
    return new CollabError(ERROR_CODES[refusal.kind], refusal.reason);
  }
}
