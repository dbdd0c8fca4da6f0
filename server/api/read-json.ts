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
  const text = await readBounded(request, MAX_JSON_BYTES);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch {
    throw badRequest('The request body is not valid JSON.', 'malformed_json');
  }
}

/** The body as text, refusing (413) as soon as more than `max` bytes have arrived. */
async function readBounded(request: Request, max: number): Promise<string> {
  const tooLarge = () => new HttpError(413, 'too_large', `The JSON body is larger than ${max / 2 ** 20} MB.`);
  if (Number(request.headers.get('content-length') ?? 0) > max) throw tooLarge();
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
