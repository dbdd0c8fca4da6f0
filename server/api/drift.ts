import { Hono } from 'hono';
import { z } from 'zod';
import { requesterKey } from '../auth/requester.ts';
import type { ApiDeps } from './deps.ts';
import { readJsonBody } from './read-json.ts';

const compareBody = z
  .object({ against: z.string({ error: 'Name the dataset to compare with: { "against": "<datasetId>" }.' }).min(1).max(64) })
  .strict();

/**
 * What moved between two datasets (docs/http-api.md#drift-and-comparisons): their per-column
 * drift, read by whoever may read both; and a comparison dataset embedding both together,
 * which, like any new dataset, only the workspace owner creates.
 */
export function driftRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/:id/drift', deps.guards.readDatasetAndAgainst, async (c) => {
    const id = c.req.param('id');
    const against = c.req.query('against');
    deps.datasets.get(id);
    if (against !== undefined) deps.datasets.get(against);
    return c.json(await deps.compare.drift(id, against));
  });

  app.post('/:id/comparisons', deps.guards.workspace, async (c) => {
    const id = c.req.param('id');
    deps.datasets.get(id);
    const { against } = compareBody.parse(await readJsonBody(c.req.raw));
    deps.datasets.get(against);
    return c.json(await deps.compare.compare(id, against, requesterKey(c)), 201);
  });

  return app;
}
