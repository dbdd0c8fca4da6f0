import { Hono } from 'hono';
import type { AnalysisDescription } from '../../shared/api-types.ts';
import { principalOf } from '../auth/access.ts';
import { visibleAnalyses } from '../auth/permissions.ts';
import type { ApiDeps } from './deps.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json.ts';

/**
 * A dataset's quality report and rules (docs/http-api.md): anyone who may read the dataset reads
 * the report; its owner and its sessions' edit links add and delete rules.
 */
export function qualityRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.get('/:id/quality', deps.guards.readDataset, async (c) => {
    const datasetId = c.req.param('id');
    deps.datasets.get(datasetId);
    const analysisId = c.req.query('analysisId');
    let analysis: AnalysisDescription | undefined;
    if (analysisId !== undefined) {
      const found = deps.analyses.datasetOf(analysisId) === datasetId ? deps.analyses.get(analysisId) : undefined;
      // A view link sees only the analyses its session showed: anything else is "no such analysis".
      if (!found || visibleAnalyses(principalOf(c), [found]).length === 0) {
        throw new HttpError(404, 'not_found', `This dataset has no analysis "${analysisId}" you can read.`);
      }
      analysis = found;
    }
    return c.json(await deps.quality.report(datasetId, analysis));
  });

  app.post('/:id/rules', deps.guards.editRules, async (c) => {
    const datasetId = c.req.param('id');
    deps.datasets.get(datasetId);
    return c.json(await deps.quality.addRule(datasetId, await readJsonBody(c.req.raw)), 201);
  });

  app.delete('/:id/rules/:ruleId', deps.guards.editRules, async (c) => {
    await deps.quality.deleteRule(c.req.param('id'), c.req.param('ruleId'));
    return c.body(null, 204);
  });

  return app;
}
