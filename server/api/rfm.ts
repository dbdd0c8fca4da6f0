import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { RfmPreset } from '../services/rfm-preset.ts';
import type { ApiDeps } from './deps.ts';
import { badRequest } from './http-error.ts';
import { readJsonBody } from './read-json.ts';

const columnName = (role: string) => z.string({ error: `${role} must be a column name.` }).min(1, `${role} must be a column name.`).max(500);
const rfmBody = z.object({ customer: columnName('customer'), date: columnName('date'), amount: columnName('amount') }).strict();

/**
 * `POST /api/datasets/:id/rfm` (docs/http-api.md): the customer-segmentation preset. Creates a
 * new dataset, so only the workspace's owner may: 201 with the customer table's description.
 */
export function rfmRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const preset = new RfmPreset(deps.datasets, deps.importer, join(deps.config.dataDir, 'uploads'));

  app.post('/:id/rfm', deps.guards.workspace, async (c) => {
    const id = c.req.param('id');
    deps.datasets.get(id);
    const columns = rfmBody.parse(await readJsonBody(c.req.raw));
    const outcome = await preset.derive(id, columns);
    if (!outcome.ok) throw badRequest(outcome.message, 'rfm_columns');
    return c.json(outcome, 201);
  });

  return app;
}
