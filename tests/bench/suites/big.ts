import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';
import { printTable, runCase } from '../harness.ts';

/**
 * Issue 13's proof: a million rows, CSV → UMAP 3D + default clustering + anomalies, end to end
 * in one process (the CLI's path): total wall and CPU seconds with the load average they ran
 * under, peak memory, time to the first intermediate layout, trustworthiness (k = 10 on 2,000
 * sampled points, exact ranks) and ARI against the 10 known groups. Target on the 2-core
 * machine: at most 2 minutes and 2 GB. BIG_BENCH_ROWS overrides the size; BIG_BENCH_FEWER_EPOCHS=1
 * adds a run with 32 epochs (the faster schedule measured and not made the default: it costs
 * trustworthiness; docs/analysis.md), on the same file.
 */
const cases = fileURLToPath(new URL('../cases/pipeline.ts', import.meta.url));
const ROWS = Number(process.env.BIG_BENCH_ROWS ?? 1_000_000);
const RUNS: { label: string; params: AnalysisParamsInput }[] = [
  { label: 'defaults (UMAP + k-means auto + isolation forest)', params: {} },
  ...(process.env.BIG_BENCH_FEWER_EPOCHS === '1' ? [{ label: 'the same, 32 epochs (reduction.nEpochs)', params: { reduction: { method: 'umap' as const, nEpochs: 32 } } }] : []),
];

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'big-bench-'));
  try {
    const path = join(dir, `mixture-${ROWS}.csv`);
    await writeFile(path, mixtureToCsv(generateMixture({ rows: ROWS, seed: 5 })));
    const mb = (await stat(path)).size / 2 ** 20;
    const rows: Record<string, string | number>[] = [];
    for (const { label, params } of RUNS) {
      const outcome = await runCase(cases, 'csvToClusters', { path, rows: ROWS, labelsSeed: 5, params });
      // Stage high-water marks are the pipeline suite's business; here the process peak is the figure.
      const figures = Object.entries(outcome.result).filter(([key]) => !key.startsWith('peak_'));
      const shown = figures.map(([key, v]) => [key, key === 'trust' && typeof v === 'number' ? v.toFixed(4) : v]);
      rows.push({ rows: ROWS, 'CSV MB': mb, run: label, ...Object.fromEntries(shown), peak_MB: Math.round(outcome.peakRssMB) });
    }
    printTable(
      'A million rows end to end (before, issue 13, 2-core machine, CLI: 298 s total — reduce 272, cluster 13, anomalies 6, ingest 3 — 1.8 GB peak, ARI 1.0)',
      rows,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
