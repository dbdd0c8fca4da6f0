import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { neighbourAgreement } from '../../../server/analysis/quality/neighbour-agreement.ts';
import { ASSET_CASES, assetTable, mixtureTable, type LabelledTable } from '../../support/labelled-tables.ts';

/**
 * The default analysis (k-means with k = "auto", checked against the layout) on one labelled
 * table: where it clustered, k, the ARI against the label, how well the colours and the label
 * agree with the layout (share of 10 layout neighbours), and the features-only agreement the
 * check saw. docs/analysis.md's table of the default clustering comes from this case.
 */
export interface DefaultClusteringArgs {
  /** A name from ASSET_CASES, or 'mixture' / 'mixture+unrelated' / 'mixture15'. */
  table: string;
  rows?: number;
  reduction?: 'umap' | 'tsne';
  seed?: number;
}

async function load(args: DefaultClusteringArgs): Promise<LabelledTable> {
  const rows = args.rows ?? 10_000;
  if (args.table === 'mixture') return mixtureTable({ rows, seed: 5 }, `mixture ${rows / 1000}k`);
  if (args.table === 'mixture+unrelated') return mixtureTable({ rows, seed: 5, unrelatedLevels: 12 }, `mixture + unrelated ${rows / 1000}k`);
  if (args.table === 'mixture15') return mixtureTable({ rows, seed: 5, clusters: 15, categorical: 0 }, `mixture of 15 ${rows / 1000}k`);
  const c = ASSET_CASES.find((a) => a.name === args.table);
  if (!c) throw new Error(`unknown table ${args.table}`);
  return assetTable(c);
}

export async function defaultClustering(args: DefaultClusteringArgs): Promise<Record<string, string | number>> {
  const t = await load(args);
  const out = runPipeline(t.table, analysisParamsSchema.parse({ ...t.params, reduction: { method: args.reduction ?? 'umap' }, seed: args.seed ?? 42 }));
  const c = out.summary.clustering;
  const truth = t.truth(out.rowIndex);
  const layout = { rows: out.rowIndex.length, cols: 3, data: out.positions };
  return {
    table: t.name,
    rows: out.rowIndex.length,
    'features agree': c.spaceCheck ? Number(c.spaceCheck.features.toFixed(3)) : '',
    space: c.space,
    k: c.k ?? c.clusterCount,
    ari: Number(adjustedRandIndex(out.cluster, truth).toFixed(3)),
    agreement: Number((c.layoutAgreement ?? 0).toFixed(3)),
    'label agreement': Number(neighbourAgreement(layout, truth, { seed: args.seed ?? 42 }).toFixed(3)),
    cluster_s: out.summary.timings.cluster / 1000,
  };
}
