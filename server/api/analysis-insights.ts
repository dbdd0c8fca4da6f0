import { Hono } from 'hono';
import { z } from 'zod';
import type { ClusterStatsTable } from '../../shared/insights/explain.ts';
import { LIMITS } from '../../shared/session/limits.ts';
import { clusterStatsCsv } from '../analysis/explain/cluster-stats-csv.ts';
import { clusterStatsShown } from '../analysis/explain/cluster-stats-shown.ts';
import { clusterStatsTable } from '../analysis/explain/cluster-stats.ts';
import { compareGroups } from '../analysis/explain/compare-groups.ts';
import { rowNoun } from '../analysis/explain/dataset-noun.ts';
import { explainedColumns } from '../analysis/explain/explained-columns.ts';
import { AnalysisDataCache } from './analysis-data.ts';
import type { ApiDeps } from './deps.ts';
import { badRequest } from './http-error.ts';
import { readJsonBody } from './read-json.ts';
import { parseShownClusters } from './shown-clusters-query.ts';

const group = z.union(
  [z.object({ cluster: z.number().int() }).strict(), z.object({ rows: z.array(z.number()) }).strict(), z.object({ rest: z.literal(true) }).strict()],
  { error: 'a group is { "cluster": <raw cluster id> }, { "rows": [start, end, …] } (canonical row ranges) or { "rest": true }' },
);
const label = z.string().trim().min(1).max(LIMITS.nameLength);
const compareBody = z.object({ a: group, b: group, labels: z.object({ a: label.optional(), b: label.optional() }).strict().optional() }).strict();

/**
 * The explanations read on demand (docs/http-api.md): the per-cluster statistics table (JSON or
 * CSV) and the comparison of two groups. Both only read, so a view token is enough.
 */
export function analysisInsightsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const data = new AnalysisDataCache(deps.analyses, deps.datasets);

  app.get('/:id/cluster-stats', deps.guards.readAnalysis, async (c) => {
    const id = c.req.param('id');
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw badRequest(`format must be "json" or "csv", not "${format}".`);
    // Analyses finished before the statistics were stored (pipeline version < 5) get them computed now.
    const stored: ClusterStatsTable =
      (await deps.analyses.readClusterStats(id)) ??
      (await data.get(id).then((d) => clusterStatsTable(d.table.columns, d.rowIndex, d.cluster, d.summary.clusters.map((k) => k.label))));
    // A session that displays the clusters under other numbers (after a re-bind) asks for those.
    const rawIds = stored.groups.flatMap((g) => (g.cluster !== null && g.cluster >= 0 ? [g.cluster] : []));
    const shown = parseShownClusters(c.req.query('clusters'), rawIds);
    const stats = shown ? clusterStatsShown(stored, shown) : stored;
    if (format === 'json') return c.json(stats);
    return c.body(clusterStatsCsv(stats), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cluster-stats-${id}.csv"`,
    });
  });

  app.post('/:id/compare', deps.guards.readAnalysis, async (c) => {
    const id = c.req.param('id');
    const body = compareBody.parse(await readJsonBody(c.req.raw));
    const d = await data.get(id);
    const result = compareGroups(
      {
        columns: explainedColumns(d.table, d.summary.features),
        rowIndex: d.rowIndex,
        labels: d.cluster,
        clusterLabels: d.summary.clusters.map((k) => k.label),
        noun: rowNoun(d.datasetName),
      },
      body,
    );
    return c.json(result);
  });

  return app;
}
