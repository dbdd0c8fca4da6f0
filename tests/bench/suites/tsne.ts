import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { printTable, runCase, type CaseOutcome } from '../harness.ts';

/**
 * t-SNE at scale (issue 13): ours with FFT-interpolated repulsion at 100k rows beside
 * Barnes–Hut at 20k (and at 100k with BENCH_FULL=1: several minutes), and a stock JS t-SNE
 * beside ours at 10k. The stock library, tsne-js, is exact O(n²) with all pairwise distances
 * and P as dense n×n arrays: one gradient step at 10k takes minutes, so a full run (1,000 steps)
 * would take days. It runs its whole setup and TSNE_JS_STEPS steps; the suite prints the
 * measured step time and the total that projects (setup + 1,000 steps), labelled as a
 * projection, and no trustworthiness (it needs the finished layout).
 * The machine's load average is printed with the figures: on a shared machine wall seconds
 * inflate, CPU seconds much less.
 */
const cases = fileURLToPath(new URL('../cases/tsne.ts', import.meta.url));
const full = process.env.BENCH_FULL === '1';
const TSNE_JS_STEPS = 2;

const load = () => loadavg()[0].toFixed(1);

function row(impl: string, rows: number, o: CaseOutcome, loadBefore: string): Record<string, string | number> {
  const { ms, cpuSeconds, trust } = o.result as Record<string, number>;
  return { impl, rows, seconds: ms / 1000, cpuSeconds, trust: trust.toFixed(4), peakRssMB: Math.round(o.peakRssMB), load: `${loadBefore} → ${load()}` };
}

export async function run(): Promise<void> {
  const ours: Record<string, string | number>[] = [];
  const measure = async (impl: string, rows: number, repulsion: string) => {
    const before = load();
    ours.push(row(impl, rows, await runCase(cases, 'tsneOurs', { rows, repulsion }), before));
  };
  await measure('ours, FFT repulsion (auto)', 100_000, 'auto');
  await measure('ours, Barnes-Hut', 20_000, 'barnes-hut');
  await measure('ours, FFT repulsion', 20_000, 'fft');
  if (full) await measure('ours, Barnes-Hut', 100_000, 'barnes-hut');
  await measure('ours (auto: Barnes-Hut below 20k)', 10_000, 'auto');
  printTable('t-SNE 3D, 750 iterations (trust = trustworthiness k=10 on 2,000 sampled rows; load = 1-min load average before → after, 2 cores)', ours);

  const before = load();
  const stock = await runCase(cases, 'tsneJsStock', { rows: 10_000, iterations: TSNE_JS_STEPS }, 12_288);
  const r = stock.result as Record<string, number>;
  printTable(`tsne-js 1.0.3 (exact O(n²)), 10,000 rows: setup + ${TSNE_JS_STEPS} steps measured, the total PROJECTED to its 1,000 steps`, [
    {
      impl: 'tsne-js',
      rows: 10_000,
      measuredSeconds: r.ms / 1000,
      setupSeconds: r.setupSeconds,
      secondsPerStep: r.stepSeconds,
      projectedTotalSeconds: Math.round(r.projectedSeconds),
      peakRssMB: Math.round(stock.peakRssMB),
      load: `${before} → ${load()}`,
    },
  ]);
}
