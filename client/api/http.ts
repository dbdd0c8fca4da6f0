import { decodeBuffer, type DecodedBuffer } from '../../shared/binary.ts';
import { sessionToken } from './credentials.ts';

/**
 * One way to call the server: JSON in, JSON or binary out, and every failure turned into an
 * ApiRequestError carrying the server's error code (or a client-side one such as 'network').
 */
export class ApiRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  let code = `http_${response.status}`;
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not a JSON error body (a proxy's HTML page, an empty 502): the status line says enough.
  }
  return new ApiRequestError(code, message, response.status);
}

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  const token = sessionToken();
  if (token !== null) {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    init = { ...init, headers };
  }
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError('network', 'The server cannot be reached; check the connection and try again.', 0);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await (await request(path, { signal })).json()) as T;
}

export async function sendJson<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
  const response = await request(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as T;
}

export async function getBinary(path: string, signal?: AbortSignal): Promise<DecodedBuffer> {
  const response = await request(path, { signal });
  return decodeBuffer(await response.arrayBuffer());
}

/** Encodes one path segment (column names may hold spaces, slashes, anything). */
export const seg = (value: string): string => encodeURIComponent(value);
