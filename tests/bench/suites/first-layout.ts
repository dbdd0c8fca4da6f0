import { fileURLToPath } from 'node:url';
import { printTable, runCase } from '../harness.ts';

/**
 * Issue 13: how soon a big analysis shows its first cloud. The reducers report their PCA start
 * before the neighbour search; this times it from the reduction's start at 1M rows (the whole
 * UMAP at 1M takes minutes, its neighbour search most of it: see the pipeline suite).
 * FIRST_LAYOUT_ROWS overrides the sizes (comma-separated).
 */
const cases = fileURLToPath(new URL('../cases/first-layout.ts', import.meta.url));
const SIZES = (process.env.FIRST_LAYOUT_ROWS ?? '100000,1000000').split(',').map(Number);

export async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const n of SIZES) {
    for (const method of ['umap', 'tsne'] as const) {
      const outcome = await runCase(cases, 'firstLayout', { rows: n, method });
      rows.push({ rows: n, ...outcome.result, peak_MB: Math.round(outcome.peakRssMB) });
    }
  }
  printTable('Time to the first layout (from the start of the reduction; wall and CPU seconds)', rows);
}
