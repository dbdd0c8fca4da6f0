import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';
import { printTable, runCase } from '../harness.ts';

/**
 * CSV → positions and clusters, end to end, on the mixture shaped like a real table (20 numeric
 * + 3 categorical columns, 10 known clusters): per-stage seconds and peak memory, ARI against
 * the known clusters, trustworthiness (k = 10, sampled). Target: 100k rows with UMAP under 60 s
 * on 2 cores (the stock umap-js alone takes ~231 s on this data: see the reduce suite).
 */
const cases = fileURLToPath(new URL('../cases/pipeline.ts', import.meta.url));
const SIZES = (process.env.PIPELINE_BENCH_ROWS ?? '10000,100000').split(',').map(Number);
const RUNS: { label: string; params: AnalysisParamsInput }[] = [
  { label: 'UMAP + k-means(auto)', params: { reduction: { method: 'umap' }, clustering: { method: 'kmeans', k: 'auto' } } },
  { label: 'UMAP + HDBSCAN', params: { reduction: { method: 'umap' }, clustering: { method: 'hdbscan' } } },
  { label: 'PCA + DBSCAN(auto)', params: { reduction: { method: 'pca' }, clustering: { method: 'dbscan' } } },
];

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pipeline-bench-'));
  try {
    const rows: Record<string, string | number>[] = [];
    for (const n of SIZES) {
      const path = join(dir, `mixture-${n}.csv`);
      await writeFile(path, mixtureToCsv(generateMixture({ rows: n, seed: 5 })));
      const mb = (await stat(path)).size / 2 ** 20;
      for (const { label, params } of RUNS) {
        const outcome = await runCase(cases, 'csvToClusters', { path, rows: n, labelsSeed: 5, params });
        rows.push({ rows: n, 'CSV MB': mb, pipeline: label, ...outcome.result, peak_MB: Math.round(outcome.peakRssMB) });
      }
    }
    printTable('CSV → 3D positions + clusters (one process per run; stage peaks are high-water marks)', rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
