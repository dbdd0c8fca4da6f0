import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Streams a stored binary file as the response body (no copy in memory). */
export async function sendFile(path: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const { size } = await stat(path);
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { 'content-type': contentType, 'content-length': String(size), ...extraHeaders } });
}
