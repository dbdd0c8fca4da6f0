import { HttpError, badRequest } from './http-error.ts';

const MAX_JSON_BYTES = 1 * 2 ** 20;

/**
 * Reads a small JSON request body safely: the content type must say JSON, the size is bounded,
 * and `__proto__` keys are dropped so no parsed object can carry a prototype.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', `Send this request as application/json (got "${type || 'no content type'}").`);
  }
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new HttpError(413, 'too_large', 'The JSON body is larger than 1 MB.');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch {
    throw badRequest('The request body is not valid JSON.', 'malformed_json');
  }
}
