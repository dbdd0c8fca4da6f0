import { printTable, runCase } from '../harness.ts';
import type { DefaultClusteringArgs } from '../cases/default-clustering.ts';
import { ASSET_CASES } from '../../support/labelled-tables.ts';

/**
 * The default clustering on every labelled table (docs/analysis.md, "Colours that agree with
 * the cloud"): space chosen, ARI against the label, agreement with the layout. The 100k
 * mixture (a ~60 s UMAP) only with BENCH_FULL=1.
 */
const CASE = 'tests/bench/cases/default-clustering.ts';
const FULL = process.env.BENCH_FULL === '1';

export async function run(): Promise<void> {
  const cases: DefaultClusteringArgs[] = [
    ...ASSET_CASES.map((c) => ({ table: c.name })),
    { table: 'mixture' },
    { table: 'mixture+unrelated' },
    { table: 'mixture15' },
    ...(FULL ? [{ table: 'mixture+unrelated', rows: 100_000 }] : []),
  ];
  const rows: Record<string, string | number>[] = [];
  for (const c of cases) rows.push((await runCase(CASE, 'defaultClustering', c)).result);
  printTable('Default clustering (k-means, k = auto, checked against the UMAP layout; seed 42)', rows);
  if (!FULL) console.log('mixture + unrelated column at 100k skipped (~60 s of UMAP): set BENCH_FULL=1 to run it.');
}
