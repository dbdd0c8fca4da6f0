import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { QueueFullError } from '../jobs/queue-caps.ts';
import { StoreError } from '../store/errors.ts';

/** An error whose message is meant for the user, with its HTTP status and stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Sent with the error (Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STORE_STATUS: Record<StoreError['code'], ContentfulStatusCode> = { not_found: 404, conflict: 409, corrupt: 500 };

/** Codes of our own faults: answered with 500 like any unexpected error. */
const SERVER_FAULTS = new Set(['internal', 'storage']);

/**
 * Domain errors about the user's input (ingest, prepare, clustering…) carry a lowercase
 * snake_case `code` and a message written for the user. Node's own codes (ENOENT, ERR_…) are
 * upper case and never reach the user.
 */
function isDomainError(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code) && !SERVER_FAULTS.has(code);
}

/**
 * The one place errors become responses: `{ error: { code, message } }`, 4xx for anything the
 * request did wrong, and for anything else a 500 whose message says nothing of the internals
 * (the stack goes to the server log only).
 */
export function toErrorResponse(error: unknown, c: Context): Response {
  if (error instanceof HttpError) return c.json({ error: { code: error.code, message: error.message } }, error.status, error.headers);
  if (error instanceof QueueFullError) {
    return c.json({ error: { code: error.code, message: error.message } }, 429, { 'retry-after': String(error.retryAfterSeconds) });
  }
  if (error instanceof StoreError) return c.json({ error: { code: error.code, message: error.message } }, STORE_STATUS[error.code]);
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return c.json({ error: { code: 'invalid_request', message: `${where}${issue.message}` } }, 400);
  }
  if (isDomainError(error)) {
    const status: ContentfulStatusCode = error.code.startsWith('too_many') ? 413 : 400;
    return c.json({ error: { code: error.code, message: error.message } }, status);
  }
  console.error(error);
  return c.json({ error: { code: 'internal', message: 'Something went wrong on the server; the request changed nothing.' } }, 500);
}

export function badRequest(message: string, code = 'invalid_request'): HttpError {
  return new HttpError(400, code, message);
}
