import { fileURLToPath } from 'node:url';
import { printTable, runCase, type CaseOutcome } from '../harness.ts';

/**
 * Dimensionality reduction: plain umap-js beside ours on the same 23-column table (35 encoded
 * features), t-SNE and PCA. Plain umap-js at 100k rows takes about 4 minutes of one core and
 * about 5 GB (280 CPU s, 4.96 GB peak RSS on 2026-12-06; the case's heap allows 8 GB): it runs
 * only with BENCH_FULL=1, as does umap-js fed our kNN; 10k stock vs ours always runs.
 */
const cases = fileURLToPath(new URL('../cases/reduce.ts', import.meta.url));
const full = process.env.BENCH_FULL === '1';

function row(work: string, impl: string, rows: number, o: CaseOutcome): Record<string, string | number> {
  const { ms, cpuMs, ...figures } = o.result as Record<string, number>;
  // Quality figures differ in the 4th decimal between methods: print them to 4.
  const precise = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.toFixed(4)]));
  // CPU seconds (all threads) where the case measures them: steadier than wall time on a loaded machine.
  const cpu: Record<string, number> = cpuMs === undefined ? {} : { cpuSeconds: cpuMs / 1000 };
  return { work, impl, rows, seconds: ms / 1000, ...cpu, peakRssMB: Math.round(o.peakRssMB), ...precise };
}

export async function run(): Promise<void> {
  const umapRows: Record<string, string | number>[] = [];
  for (const rows of [10_000, 100_000]) {
    if (rows <= 10_000 || full) umapRows.push(row('UMAP 3D', 'umap-js plain', rows, await runCase(cases, 'umapStock', { rows })));
    if (full) umapRows.push(row('UMAP 3D', 'umap-js + our kNN', rows, await runCase(cases, 'umapJsWithOurKnn', { rows })));
    umapRows.push(row('UMAP 3D', 'ours', rows, await runCase(cases, 'umapOurs', { rows })));
    umapRows.push(row('kNN k=14', 'ours', rows, await runCase(cases, 'knnOurs', { rows })));
  }
  printTable('UMAP (trust = trustworthiness k=10 on 1,000 sampled rows)', umapRows);

  const other: Record<string, string | number>[] = [];
  other.push(row('t-SNE 3D Barnes-Hut', 'ours', 10_000, await runCase(cases, 'tsneOurs', { rows: 10_000 })));
  other.push(row('PCA 20 -> 3', 'ours', 1_000_000, await runCase(cases, 'pcaOurs', { rows: 1_000_000, cols: 20 })));
  printTable('t-SNE and PCA (scikit-learn t-SNE 10k: 83 s on 2 threads; PCA 1M x 20: 0.61 s)', other);
}
