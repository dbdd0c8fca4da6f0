import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { z } from 'zod';
import { streamSSE } from 'hono/streaming';
import type { AnalysisEvent, PointsJson } from '../../shared/api-types.ts';
import { arrayOfRoute, arrayRoute, SERVED_ARRAY_NAMES, type ArrayName } from '../../shared/analysis-arrays.ts';
import { BINARY_CONTENT_TYPE, decodeBuffer } from '../../shared/binary.ts';
import type { ApiDeps } from './deps.ts';
import { clientAddress } from './client-address.ts';
import { HttpError } from './http-error.ts';
import { FeatureNeighbors } from './feature-neighbors.ts';
import { sendFile } from './send-file.ts';
import { PING_FRAME, sseFrame } from './sse-frames.ts';
import { SseOutbox } from './sse-outbox.ts';
import { SubscriberCaps } from './subscriber-caps.ts';

/** Above this many points, points.json (a debugging convenience) refuses: use the binary endpoints. */
const POINTS_JSON_LIMIT = 200_000;

const neighborsQuery = z.object({
  point: z.coerce.number().int().min(0),
  k: z.coerce.number().int().min(1).max(100).default(10),
});

export function analysesRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const neighbors = new FeatureNeighbors(deps.analyses);
  const streams = new SubscriberCaps({ perAnalysis: deps.config.eventsMaxPerAnalysis, perClient: deps.config.eventsMaxPerClient });

  app.get('/:id', deps.guards.readAnalysis, (c) => c.json(deps.jobs.describe(c.req.param('id'))));

  app.delete('/:id', deps.guards.cancelAnalysis, async (c) => {
    const id = c.req.param('id');
    const cancelled = await deps.jobs.cancel(id);
    return c.json({ ...deps.jobs.describe(id), cancelled });
  });

  app.get('/:id/points.json', deps.guards.readAnalysis, async (c) => {
    const id = c.req.param('id');
    const read = async (name: ArrayName) => decodeBuffer(await readFile(deps.analyses.arrayPath(id, name))).data;
    const rowIndex = await read('rowIndex');
    if (rowIndex.length > POINTS_JSON_LIMIT) {
      throw new HttpError(413, 'too_large', `points.json serves at most ${POINTS_JSON_LIMIT} points; this analysis has ${rowIndex.length}. Use the .bin endpoints.`);
    }
    const positions = await read('positions');
    const body: PointsJson = {
      rowIndex: Array.from(rowIndex),
      positions: Array.from({ length: rowIndex.length }, (_, i) => [positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]]),
      cluster: Array.from(await read('cluster')),
      anomaly: Array.from(await read('anomaly')),
    };
    return c.json(body);
  });

  app.get('/:id/:file{[a-z-]+\\.bin}', deps.guards.readAnalysis, (c) => {
    const file = c.req.param('file');
    const name = arrayOfRoute(file.slice(0, -'.bin'.length));
    if (!name) throw new HttpError(404, 'not_found', `Unknown array "${file}"; there are ${SERVED_ARRAY_NAMES.map((n) => `${arrayRoute(n)}.bin`).join(', ')}.`);
    // Results never change once done: cache them for good.
    return sendFile(deps.analyses.arrayPath(c.req.param('id'), name), BINARY_CONTENT_TYPE, { 'cache-control': 'private, max-age=31536000, immutable' });
  });

  app.get('/:id/neighbors', deps.guards.readAnalysis, async (c) => {
    const { point, k } = neighborsQuery.parse(c.req.query());
    const analysis = deps.analyses.get(c.req.param('id'));
    const points = analysis.result?.pointCount ?? 0;
    if (analysis.status !== 'done') throw new HttpError(409, 'conflict', `Analysis "${analysis.id}" is ${analysis.status}; neighbours need its results.`);
    if (point >= points) throw new HttpError(400, 'invalid_request', `point must be below ${points}.`);
    if (points < 2) throw new HttpError(400, 'invalid_request', 'This analysis has a single point: it has no neighbours.');
    return c.json(await neighbors.query(analysis.id, point, k));
  });

  app.get('/:id/events', deps.guards.readAnalysis, (c) => {
    const id = c.req.param('id');
    deps.jobs.describe(id); // 404 before the stream opens
    const release = streams.take(id, clientAddress(c)); // 429 beyond the caps
    const isEnd = (status: string) => status === 'done' || status === 'failed' || status === 'cancelled';
    return streamSSE(c, async (stream) => {
      const outbox = new SseOutbox((bytes) => stream.write(bytes));
      try {
        await new Promise<void>((resolve) => {
          let finished = false;
          const finish = () => {
            if (finished) return;
            finished = true;
            clearInterval(heartbeat);
            unsubscribe();
            resolve();
          };
          const queue = (event: AnalysisEvent) => {
            outbox.push(sseFrame(event));
            if (event.type === 'done' || event.type === 'failed') void outbox.flushed().then(finish);
          };
          // Subscribe before reading the status: a job that ends in between is then reported
          // by the listener or by the status read, never by neither.
          const unsubscribe = deps.jobs.subscribe(id, queue);
          const heartbeat = setInterval(() => {
            if (!outbox.busy) outbox.push(PING_FRAME);
          }, 15_000);
          stream.onAbort(finish);
          const now = deps.jobs.describe(id);
          if (isEnd(now.status)) queue({ type: now.status === 'done' ? 'done' : 'failed', analysis: now });
          else queue({ type: 'progress', status: now.status, progress: now.progress });
        });
      } finally {
        release();
      }
    });
  });

  return app;
}

