import TSNE from 'tsne-js';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import type { Matrix } from '../../../server/analysis/matrix.ts';
import { tsne, type TsneOptions } from '../../../server/analysis/reduce/tsne/tsne.ts';
import { timed } from '../harness.ts';
import { features } from './reduce.ts';

/**
 * t-SNE benchmark cases, each run in its own process by suites/tsne.ts, on the reduce suite's
 * 23-column table (35 encoded features). Quality: trustworthiness (k = 10) on 2,000 sampled
 * query rows with exact ranks, outside the timed work. CPU seconds (both threads) beside wall
 * seconds, since the machine may be shared.
 */
const quality = (x: Matrix, y: Matrix) => trustworthiness(x, y, 10, { sample: 2000, seed: 1 });

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Ours: `repulsion` 'auto' (FFT from 20k rows), or forced to one method. */
export async function tsneOurs({ rows, repulsion }: { rows: number; repulsion?: TsneOptions['repulsion'] }) {
  const x = features(rows);
  const cpu = process.cpuUsage();
  const { value, ms } = await timed(() => tsne(x, { seed: 1, repulsion }));
  return { ms, cpuSeconds: cpuSeconds(cpu), trust: quality(x, value) };
}

/** Thrown from tsne-js's progress event to stop it after the iterations we time. */
class Enough extends Error {}

/**
 * tsne-js (exact O(n²) t-SNE, its defaults but 3 components): its setup (all pairwise
 * distances and P) timed in full, then `iterations` gradient steps; the projected total is
 * setup + 1,000 (its nIter) × the mean step, labelled as a projection by the suite. A full run
 * at 10k rows would take hours, so its trustworthiness is not measured.
 */
export async function tsneJsStock({ rows, iterations }: { rows: number; iterations: number }) {
  const x = features(rows);
  const data = Array.from({ length: rows }, (_, i) => Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
  const model = new TSNE({ dim: 3, perplexity: 30, nIter: 1000, metric: 'euclidean' });
  model.init({ data, type: 'dense' });
  const stamps: number[] = [];
  model.on('progressIter', () => {
    stamps.push(performance.now());
    if (stamps.length > iterations) throw new Enough();
  });
  const { ms } = await timed(() => {
    try {
      model.run();
    } catch (e) {
      if (!(e instanceof Enough)) throw e;
    }
  });
  // The first event fires after setup and the first step's gradient: steps are the gaps between events.
  const stepMs = (stamps[stamps.length - 1] - stamps[0]) / (stamps.length - 1);
  const setupMs = ms - stepMs * (stamps.length - 1);
  return { ms, setupSeconds: setupMs / 1000, stepSeconds: stepMs / 1000, projectedSeconds: (setupMs + 1000 * stepMs) / 1000 };
}
