import { join } from 'node:path';
import { Hono } from 'hono';
import type { DemoDataset } from '../../shared/api-types.ts';
import { DEMO_DATASETS, importDemoDataset } from '../services/demo-datasets.ts';
import type { ApiDeps } from './deps.ts';
import { HttpError } from './http-error.ts';

/** The shipped demo datasets: listed for the start page, imported as a new dataset on request. */
export function demoDatasetsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json({ demos: DEMO_DATASETS.map(({ file: _file, ...d }): DemoDataset => d) }));
  app.post('/:key', async (c) => {
    const detail = await importDemoDataset(deps.importer, join(deps.config.dataDir, 'uploads'), c.req.param('key'));
    if (!detail) throw new HttpError(404, 'not_found', `No demo dataset "${c.req.param('key')}"; there are ${DEMO_DATASETS.map((d) => d.key).join(', ')}.`);
    return c.json(deps.datasets.describe(detail.id), 201);
  });
  return app;
}
