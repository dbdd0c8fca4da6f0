import { Hono } from 'hono';
import { coOccurrenceRequestSchema } from '../../shared/insights/co-occurrence.ts';
import { CoOccurrenceService } from '../insights/co-occurrence/co-occurrence-service.ts';
import type { ApiDeps } from './deps.ts';
import { badRequest, HttpError } from './http-error.ts';
import { readJsonBody } from './read-json.ts';

/**
 * `POST /api/analyses/:id/co-occurrences` (docs/http-api.md): rules between category values over
 * a group of rows. Whoever may read the analysis may ask (a view token too): it changes nothing.
 */
export function coOccurrenceRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const service = new CoOccurrenceService(deps.datasets, deps.analyses);

  app.post('/:id/co-occurrences', deps.guards.readAnalysis, async (c) => {
    const analysis = deps.analyses.get(c.req.param('id'));
    const request = coOccurrenceRequestSchema.parse(await readJsonBody(c.req.raw));
    if (analysis.status !== 'done') throw new HttpError(409, 'conflict', `Analysis "${analysis.id}" is ${analysis.status}; rules need its points.`);
    const outcome = await service.rules(analysis.id, request);
    if (!outcome.ok) throw badRequest(outcome.message, 'co_occurrence_group');
    return c.json(outcome.answer);
  });

  return app;
}
