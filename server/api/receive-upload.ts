import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import Busboy from 'busboy';
import { HttpError, badRequest } from './http-error.ts';

export interface ReceivedUpload {
  path: string;
  bytes: number;
  contentType: string;
  fileName?: string;
}

const DELIMITED = ['text/csv', 'text/tab-separated-values', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];
const JSON_TYPES = ['application/json', 'text/json'];
/** Parquet, Arrow IPC and Excel bodies; the ingest worker tells them apart by their first bytes. */
const BINARY = [
  'application/octet-stream',
  'application/vnd.apache.parquet',
  'application/x-parquet',
  'application/vnd.apache.arrow.file',
  'application/vnd.apache.arrow.stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/**
 * Streams a request body (raw CSV/TSV/JSON/Parquet/Arrow/xlsx, or the `file` field of a multipart form) to a
 * temporary file under DATA_DIR/uploads, counting bytes as they arrive: past the limit the
 * transfer stops with 413 and the partial file is removed. The body is never held in memory.
 */
export async function receiveUpload(request: Request, uploadsDir: string, maxBytes: number): Promise<ReceivedUpload> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!request.body) throw new HttpError(400, 'empty', 'The request has no body: send the file as the body or as the "file" field of a form.');
  await mkdir(uploadsDir, { recursive: true });
  const path = join(uploadsDir, `.tmp-${randomBytes(8).toString('hex')}`);
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  try {
    if (mediaType === 'multipart/form-data') return { path, ...(await receiveMultipart(body, request.headers, path, maxBytes)) };
    if (!DELIMITED.includes(mediaType) && !JSON_TYPES.includes(mediaType) && !BINARY.includes(mediaType)) {
      body.destroy();
      throw new HttpError(
        415,
        'unsupported_media_type',
        `Unsupported content type "${mediaType || '(none)'}": send text/csv, text/tab-separated-values, application/json, a Parquet, Arrow IPC or .xlsx file as application/octet-stream (or its own type), or multipart/form-data.`,
      );
    }
    const bytes = await writeLimited(body, path, maxBytes);
    return { path, bytes, contentType: mediaType };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'too_large', `The file is larger than the upload limit of ${Math.round(maxBytes / 2 ** 20)} MB (MAX_UPLOAD_MB).`);
}

async function writeLimited(source: Readable, path: string, maxBytes: number): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(tooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(path));
  return bytes;
}

function receiveMultipart(body: Readable, headers: Headers, path: string, maxBytes: number): Promise<Omit<ReceivedUpload, 'path'>> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({ headers: Object.fromEntries(headers), limits: { files: 1, fileSize: maxBytes + 1, fields: 20 } });
    } catch {
      reject(badRequest('The multipart body has no boundary.', 'malformed_multipart'));
      return;
    }
    let received: Promise<Omit<ReceivedUpload, 'path'>> | null = null;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || received) {
        stream.resume();
        return;
      }
      received = writeLimited(stream, path, maxBytes).then((bytes) => {
        if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
        return { bytes, contentType: info.mimeType.toLowerCase(), fileName: info.filename };
      });
      // Too large (or unwritable): answer now and stop reading the rest of the body.
      received.catch((error: unknown) => {
        reject(error);
        body.unpipe(parser);
        body.destroy();
      });
    });
    parser.on('error', () => reject(badRequest('The multipart body is malformed.', 'malformed_multipart')));
    parser.on('close', () => {
      if (!received) reject(badRequest('The form has no "file" field.', 'missing_file'));
      else received.then(resolve, reject);
    });
    body.on('error', reject);
    body.pipe(parser);
  });
}
