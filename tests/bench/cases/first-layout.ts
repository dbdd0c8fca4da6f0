import { CancelledError } from '../../../server/analysis/progress.ts';
import { tsne } from '../../../server/analysis/reduce/tsne/tsne.ts';
import { umap } from '../../../server/analysis/reduce/umap/umap.ts';
import { timed } from '../harness.ts';
import { features } from './reduce.ts';

/**
 * Time from the start of the reduction to its first layout (the cloud every page of a session
 * shows first), on the reduce benchmark's 35-feature table. The run is stopped right after that
 * layout: what follows (neighbour search, epochs) is the reduce suite's business.
 */
export async function firstLayout({ rows, method }: { rows: number; method: 'umap' | 'tsne' }) {
  const x = features(rows);
  const controller = new AbortController();
  let cpuAtLayout = 0;
  let msAtLayout = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const onLayout = () => {
    if (msAtLayout > 0) return;
    msAtLayout = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    cpuAtLayout = (cpu.user + cpu.system) / 1000;
    controller.abort();
  };
  await timed(() => {
    try {
      if (method === 'umap') umap(x, { seed: 1, onLayout, signal: controller.signal });
      else tsne(x, { seed: 1, onLayout, signal: controller.signal });
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
    }
  });
  if (msAtLayout === 0) throw new Error('no layout was reported');
  return { method, first_layout_s: +(msAtLayout / 1000).toFixed(2), first_layout_cpu_s: +(cpuAtLayout / 1000).toFixed(2) };
}
