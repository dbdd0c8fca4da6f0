import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { StoreError } from '../store/errors.ts';

/** An error whose message is meant for the user, with its HTTP status and stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STORE_STATUS: Record<StoreError['code'], ContentfulStatusCode> = { not_found: 404, conflict: 409, corrupt: 500 };

/** Errors that carry a `code` and a user-facing message (ingest, prepare, clustering…). */
function hasCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * The one place errors become responses: `{ error: { code, message } }`, 4xx for anything the
 * request did wrong, and for anything else a 500 whose message says nothing of the internals
 * (the stack goes to the server log only).
 */
export function toErrorResponse(error: unknown, c: Context): Response {
  if (error instanceof HttpError) return c.json({ error: { code: error.code, message: error.message } }, error.status);
  if (error instanceof StoreError) return c.json({ error: { code: error.code, message: error.message } }, STORE_STATUS[error.code]);
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return c.json({ error: { code: 'invalid_request', message: `${where}${issue.message}` } }, 400);
  }
  if (error instanceof SyntaxError) return c.json({ error: { code: 'malformed_json', message: 'The request body is not valid JSON.' } }, 400);
  if (hasCode(error) && !/^E[A-Z]+$/.test(error.code)) {
    // Domain errors (ingest, prepare…) are about the user's input; Node's system errors (ENOENT…) are not.
    const status: ContentfulStatusCode = error.code.startsWith('too_many') ? 413 : 400;
    return c.json({ error: { code: error.code, message: error.message } }, status);
  }
  console.error(error);
  return c.json({ error: { code: 'internal', message: 'Something went wrong on the server; the request changed nothing.' } }, 500);
}

export function badRequest(message: string, code = 'invalid_request'): HttpError {
  return new HttpError(400, code, message);
}
