import { Hono } from 'hono';
import type { DemoDataset } from '../../shared/api-types.ts';
import { DEMO_DATASETS } from '../services/demo-datasets.ts';
import { importDemoOnce, importedDemos } from '../services/demo-imports.ts';
import type { ApiDeps } from './deps.ts';
import { HttpError } from './http-error.ts';

/**
 * The shipped demo datasets: listed for the start page (with the dataset already made from each
 * on this server), imported on request — once: asking again answers the same dataset (200).
 */
export function demoDatasetsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/', deps.guards.workspace, async (c) => {
    const imported = await importedDemos(deps);
    const demos = DEMO_DATASETS.map(({ file: _file, ...d }): DemoDataset => {
      const datasetId = imported.get(d.key);
      return datasetId === undefined ? d : { ...d, datasetId };
    });
    return c.json({ demos });
  });
  app.post('/:key', deps.guards.workspace, async (c) => {
    const done = await importDemoOnce(deps, c.req.param('key'));
    if (!done) throw new HttpError(404, 'not_found', `No demo dataset "${c.req.param('key')}"; there are ${DEMO_DATASETS.map((d) => d.key).join(', ')}.`);
    return c.json(done.detail, done.created ? 201 : 200);
  });
  return app;
}
