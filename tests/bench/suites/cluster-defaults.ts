import { printTable, runCase } from '../harness.ts';
import type { DefaultsArgs } from '../cases/cluster-defaults.ts';

/**
 * What a user gets from DBSCAN or HDBSCAN with default parameters, on real layouts: the legend
 * must stay short and follow the known groups (docs/analysis.md has the figures before the
 * defaults changed). The 100k mixture (two UMAP runs of ~35 s) only with BENCH_FULL=1.
 */
const CASE = 'tests/bench/cases/cluster-defaults.ts';
const FULL = process.env.BENCH_FULL === '1';

export async function run(): Promise<void> {
  const cases: Omit<DefaultsArgs, 'method'>[] = [
    { source: 'penguins', reduction: 'umap' },
    { source: 'penguins', reduction: 'tsne' },
    { source: 'seattle', reduction: 'umap' },
    { source: 'seattle', reduction: 'tsne' },
    { source: 'mixture', rows: 10_000, reduction: 'umap' },
    { source: 'mixture', rows: 10_000, reduction: 'pca' },
    ...(FULL ? ([{ source: 'mixture', rows: 100_000, reduction: 'umap' }, { source: 'mixture', rows: 100_000, reduction: 'pca' }] as const) : []),
  ];
  const rows: Record<string, string | number>[] = [];
  for (const c of cases) {
    for (const method of ['hdbscan', 'dbscan'] as const) {
      const outcome = await runCase(CASE, 'densityDefaults', { ...c, method });
      rows.push({ ...outcome.result, peak_MB: Math.round(outcome.peakRssMB) });
    }
  }
  printTable('DBSCAN / HDBSCAN defaults on pipeline layouts (ARI vs species, weather, or the mixture groups; noise counted as a group)', rows);
  if (!FULL) console.log('mixture at 100k skipped (two UMAP runs of ~35 s): set BENCH_FULL=1 to run it.');
}
