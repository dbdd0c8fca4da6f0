import { Hono } from 'hono';
import { z } from 'zod';
import { TREND_PERIODS } from '../../shared/insights/trends.ts';
import { TrendsService } from '../insights/trends/trends-service.ts';
import type { ApiDeps } from './deps.ts';
import { HttpError } from './http-error.ts';

/** Periods a forecast may reach ahead. */
export const MAX_HORIZON = 24;

const clusterPairs = /^\d{1,6}:\d{1,6}(,\d{1,6}:\d{1,6}){0,9999}$/;

const trendsQuery = z.object({
  date: z.string({ error: 'date is required: the name of a date column.' }).min(1, 'date is required: the name of a date column.'),
  value: z.string().min(1, 'value, when given, names a numeric column.').optional(),
  period: z.enum(['auto', ...TREND_PERIODS], { error: `period must be auto, ${TREND_PERIODS.join(', ')}.` }).default('auto'),
  horizon: z.coerce
    .number({ error: `horizon must be a whole number of periods from 1 to ${MAX_HORIZON}.` })
    .int(`horizon must be a whole number of periods from 1 to ${MAX_HORIZON}.`)
    .min(1, `horizon must be a whole number of periods from 1 to ${MAX_HORIZON}.`)
    .max(MAX_HORIZON, `horizon must be a whole number of periods from 1 to ${MAX_HORIZON}.`)
    .default(6),
  clusters: z
    .string()
    .regex(clusterPairs, 'clusters lists raw:shown cluster id pairs, e.g. 0:2,1:0.')
    .transform((text) => new Map(text.split(',').map((pair) => pair.split(':').map(Number) as [number, number])))
    .optional(),
});

/**
 * `GET /api/analyses/:id/trends` (docs/http-api.md): per cluster, a series over a date column and
 * its forecast. Whoever may read the analysis may ask (a view token too): it changes nothing.
 */
export function trendsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const service = new TrendsService(deps);
  app.get('/:id/trends', deps.guards.readAnalysis, async (c) => {
    const analysis = deps.analyses.get(c.req.param('id'));
    const query = trendsQuery.parse(c.req.query());
    if (analysis.status !== 'done') throw new HttpError(409, 'conflict', `Analysis "${analysis.id}" is ${analysis.status}; trends need its results.`);
    return c.json(await service.trends(analysis.id, { ...query, shown: query.clusters }));
  });
  return app;
}
