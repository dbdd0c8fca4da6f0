import { rateLimited, type Refusal } from './refusals.ts';
import { TokenBucket, type RateLimit } from './token-bucket.ts';

export interface FloodLimits {
  messageRate: RateLimit;
  byteRate: RateLimit;
  syncRequestRate: RateLimit;
}

/**
 * Per-connection budgets. Every message costs one message token and its length in byte
 * tokens; a request that makes the server encode state for the sender (sync step 1, query
 * awareness) also costs a sync-request token, because its cost grows with the document
 * rather than with what the client sent. Running out closes the connection (4429): dropping
 * a document update instead would leave the sender's later updates unappliable, and a client
 * that floods is better stopped than slowed (4429 also stops the stock client's retries).
 */
export class FloodGuard {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly syncRequests: TokenBucket;

  constructor(limits: FloodLimits, now?: () => number) {
    this.messages = new TokenBucket(limits.messageRate, now);
    this.bytes = new TokenBucket(limits.byteRate, now);
    this.syncRequests = new TokenBucket(limits.syncRequestRate, now);
  }

  admitMessage(byteLength: number): Refusal | null {
    if (!this.messages.take(1)) return rateLimited('too many messages');
    if (!this.bytes.take(byteLength)) return rateLimited('too many bytes');
    return null;
  }

  admitSyncRequest(): Refusal | null {
    return this.syncRequests.take(1) ? null : rateLimited('too many sync requests');
  }
}
