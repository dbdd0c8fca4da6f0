import { fileURLToPath } from 'node:url';
import { printTable, runCase } from '../harness.ts';
import type { RayPickArgs } from '../cases/xr-pick.ts';

const pickCases = fileURLToPath(new URL('../cases/xr-pick.ts', import.meta.url));

/** Sizes: XR_BENCH_N=100000 runs a quick pass while developing (2 shared cores). */
const N = Number(process.env.XR_BENCH_N ?? 1_000_000);

/**
 * Immersive mode: the controller ray's pick at 1M points, ours (kd-tree cone query) beside
 * three's Raycaster on the same points in the same run, each in its own Node process.
 */
export async function run(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const base = { n: N, rays: 200, pointSize: 0.03, toleranceRad: 0.024 };
  const configs: { label: string; args: RayPickArgs }[] = [
    { label: 'ours (kd-tree cone, pick-ray.ts)', args: { ...base, engine: 'ours' } },
    { label: 'three Raycaster on THREE.Points', args: { ...base, engine: 'three', rays: 50 } },
  ];
  for (const { label, args } of configs) {
    const out = await runCase(pickCases, 'rayPick', args);
    const r = out.result;
    console.log(`${label} @ ${args.n}: ${JSON.stringify(r)}`);
    rows.push({ points: args.n, picker: label, rays: args.rays, 'ray ms mean': r.rayMeanMs, 'ray p95': r.rayP95Ms, 'ray max': r.rayMaxMs, hits: r.hits, 'prepare ms': r.prepareMs });
  }
  printTable('xr: controller ray pick, Node (CPU)', rows);
}
