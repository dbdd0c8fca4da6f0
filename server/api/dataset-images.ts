import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import Busboy from 'busboy';
import { Hono } from 'hono';
import type { ImageUploadResult } from '../../shared/api-types.ts';
import { IMAGE_LIMITS, imageContentType } from '../../shared/image-files.ts';
import { DatasetImages, ImageRejected, type StagedImage } from '../store/dataset-images.ts';
import type { ApiDeps } from './deps.ts';
import { badRequest, HttpError } from './http-error.ts';
import { sendFile } from './send-file.ts';


/**
 * Image files kept with a dataset, so that a column naming them shows thumbnails offline:
 * POST /api/datasets/:id/images (the owner; multipart, one `file` field per image, named by its
 * file name) and GET /api/datasets/:id/images/:name (whoever may read the dataset).
 */
export function datasetImagesRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const images = new DatasetImages((id) => deps.datasets.dir(id));

  app.post('/:id/images', deps.guards.workspace, async (c) => {
    const id = c.req.param('id');
    deps.datasets.get(id);
    const result = await receiveImages(c.req.raw, id, images, deps.config.maxUploadBytes);
    return c.json(result, 201);
  });

  app.get('/:id/images/:name', deps.guards.readDataset, async (c) => {
    const id = c.req.param('id');
    const name = c.req.param('name');
    deps.datasets.get(id);
    const path = await images.path(id, name);
    return sendFile(path, imageContentType(name)!, {
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
      'content-security-policy': "default-src 'none'; sandbox",
    });
  });

  return app;
}

async function receiveImages(request: Request, datasetId: string, images: DatasetImages, maxBytes: number): Promise<ImageUploadResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new HttpError(413, 'too_large', `The upload is larger than ${Math.round(maxBytes / 2 ** 20)} MB (MAX_UPLOAD_MB).`);
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'multipart/form-data') {
    throw new HttpError(415, 'unsupported_media_type', `Send the images as multipart/form-data, one "file" field per image (got "${mediaType || '(none)'}").`);
  }
  if (!request.body) throw badRequest('The request has no body: send the images as "file" fields of a form.', 'empty');
  const usage = await images.usage(datasetId);
  const staged: StagedImage[] = [];
  const stored: ImageUploadResult['stored'] = [];
  try {
    for await (const file of imageParts(request, maxBytes)) {
      if (stored.some((s) => s.name === file.name)) throw badRequest(`"${file.name.slice(0, 80)}" is in the form twice.`, 'duplicate_image');
      staged.push(await images.stage(datasetId, file.name, file.bytes, usage));
      stored.push({ name: file.name, bytes: file.bytes.length });
    }
    if (stored.length === 0) throw badRequest('The form has no "file" field with an image.', 'missing_file');
    await images.commit(datasetId, staged);
  } catch (error) {
    await images.discard(staged);
    if (error instanceof ImageRejected) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
  return { stored, count: usage.count, bytes: usage.bytes };
}

/** The `file` parts of a multipart body, each whole in memory (at most IMAGE_LIMITS.bytes + 1 bytes: larger ones are refused by stage()). */
async function* imageParts(request: Request, maxBytes: number): AsyncGenerator<{ name: string; bytes: Uint8Array }> {
  let parser: Busboy.Busboy;
  try {
    parser = Busboy({
      headers: Object.fromEntries(request.headers),
      limits: { files: IMAGE_LIMITS.perRequest, fileSize: IMAGE_LIMITS.bytes + 1, fields: 20 },
    });
  } catch {
    throw badRequest('The multipart body has no boundary.', 'malformed_multipart');
  }
  const queue: ({ name: string; bytes: Uint8Array } | Error | null)[] = [];
  let wake: (() => void) | null = null;
  const push = (item: { name: string; bytes: Uint8Array } | Error | null) => {
    queue.push(item);
    wake?.();
  };
  let total = 0;
  let pending = 0;
  let closed = false;
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  parser.on('file', (field, stream, info) => {
    if (field !== 'file') {
      stream.resume();
      return;
    }
    pending++;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        push(new HttpError(413, 'too_large', `The upload is larger than ${Math.round(maxBytes / 2 ** 20)} MB (MAX_UPLOAD_MB).`));
        body.unpipe(parser);
        body.destroy();
      } else chunks.push(chunk);
    });
    stream.on('end', () => {
      pending--;
      push({ name: info.filename ?? '', bytes: new Uint8Array(Buffer.concat(chunks)) });
      if (closed && pending === 0) push(null);
    });
  });
  parser.on('filesLimit', () => push(badRequest(`One upload holds at most ${IMAGE_LIMITS.perRequest} images; send the rest in another.`, 'too_many_files')));
  parser.on('error', () => push(badRequest('The multipart body is malformed.', 'malformed_multipart')));
  parser.on('close', () => {
    closed = true;
    if (pending === 0) push(null);
  });
  body.on('error', () => push(badRequest('The upload was cut off.', 'malformed_multipart')));
  body.pipe(parser);
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const item = queue.shift()!;
      if (item === null) return;
      if (item instanceof Error) throw item;
      yield item;
    }
  } finally {
    body.unpipe(parser);
    body.destroy();
  }
}
