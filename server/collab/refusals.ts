import { CollabError } from './errors.ts';
import { CLOSE } from './protocol.ts';

export type RefusalKind = 'sessionFull' | 'rateLimited' | 'documentTooLarge' | 'tooFarBehind';

/** Why the server closes a connection it would otherwise keep: code and reason go to the client. */
export interface Refusal {
  kind: RefusalKind;
  code: number;
  reason: string;
}

export const SESSION_FULL: Refusal = { kind: 'sessionFull', code: CLOSE.tooMany, reason: 'session is full' };
export const DOCUMENT_TOO_LARGE: Refusal = { kind: 'documentTooLarge', code: CLOSE.documentTooLarge, reason: 'document too large' };
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
};

/**
 * Counts refusals by kind (for stats()) and logs each one like an error, so an operator sees
 * floods, and limits set too low for their events, in the server log.
 */
export class RefusalLog {
  private readonly counts: Record<RefusalKind, number> = { sessionFull: 0, rateLimited: 0, documentTooLarge: 0, tooFarBehind: 0 };

  constructor(private readonly onError: (err: unknown, context: string) => void) {}

  record(refusal: Refusal, sessionId: string): void {
    this.counts[refusal.kind]++;
    this.onError(new CollabError(ERROR_CODES[refusal.kind], refusal.reason), `session ${sessionId}: closed a connection over a limit`);
  }

  snapshot(): Record<RefusalKind, number> {
    return { ...this.counts };
  }
}
