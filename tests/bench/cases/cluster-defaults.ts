import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import type { Table } from '../../../shared/table.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { ingest } from '../../../server/ingest/index.ts';
import { loadAsset } from '../../support/assets.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';

/**
 * DBSCAN and HDBSCAN with the defaults a user gets from the start page (method only), on the
 * layout the pipeline makes, scored against known groups: how many clusters the legend shows,
 * how much is noise, the ARI (noise counted as one group) and the clustering stage's time.
 */
export interface DefaultsArgs {
  source: 'penguins' | 'seattle' | 'mixture';
  rows?: number;
  reduction: 'umap' | 'tsne' | 'pca';
  method: 'dbscan' | 'hdbscan';
}

const PENGUIN_MEASUREMENTS = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

async function source(args: DefaultsArgs): Promise<{ table: Table; features?: string[]; truth: (rowIndex: Uint32Array) => Int32Array }> {
  if (args.source === 'mixture') {
    const mix = generateMixture({ rows: args.rows ?? 10_000, seed: 5 });
    const csv = mixtureToCsv(mix);
    const { table } = await ingest((async function* () { yield csv; })(), { fileName: 'mixture.csv' });
    return { table, truth: (rowIndex) => Int32Array.from(rowIndex, (r) => mix.labels[r]) };
  }
  const table = await loadAsset(args.source);
  const column = args.source === 'penguins' ? 'Species' : 'weather';
  const data = table.columns.find((c) => c.name === column)!.data;
  if (data.type !== 'category') throw new Error(`${column} is not a category column`);
  return { table, features: args.source === 'penguins' ? PENGUIN_MEASUREMENTS : undefined, truth: (rowIndex) => Int32Array.from(rowIndex, (r) => data.codes[r]) };
}

export async function densityDefaults(args: DefaultsArgs): Promise<Record<string, string | number>> {
  const { table, features, truth } = await source(args);
  const out = runPipeline(table, analysisParamsSchema.parse({ features, reduction: { method: args.reduction }, clustering: { method: args.method } }));
  const s = out.summary.clustering;
  const note = out.summary.notes.find((n) => n.text.startsWith(args.method === 'dbscan' ? 'DBSCAN' : 'HDBSCAN'))?.text ?? '';
  const params = args.method === 'dbscan'
    ? `eps ${s.eps?.toPrecision(3)} (${/widened/.test(note) ? 'widened' : 'k-distance'}), ${note.match(/minPts \d+/)?.[0] ?? ''}`
    : (note.match(/smallest cluster [\d,]+ points/)?.[0] ?? '');
  return {
    data: `${args.source}${args.source === 'mixture' ? ` ${out.rowIndex.length / 1000}k` : ''}`,
    layout: args.reduction,
    method: args.method,
    params,
    clusters: s.clusterCount,
    'noise %': Number(((100 * s.noiseCount) / out.rowIndex.length).toFixed(1)),
    ari: adjustedRandIndex(out.cluster, truth(out.rowIndex)),
    cluster_s: out.summary.timings.cluster / 1000,
  };
}
