import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable, runCase } from '../harness.ts';
import { ensureClientBuild, repoRoot } from '../../support/browser.ts';
import { VR_POINT_BUDGET } from '../../../client/xr/point-budget.ts';
import type { RayPickArgs } from '../cases/xr-pick.ts';
import type { XrFrameArgs } from '../cases/xr-frame.ts';

const pickCases = fileURLToPath(new URL('../cases/xr-pick.ts', import.meta.url));
const frameCases = fileURLToPath(new URL('../cases/xr-frame.ts', import.meta.url));

/** Sizes: XR_BENCH_N=100000 runs a quick pass while developing (2 shared cores); the frame rows then use N/10 and N. */
const N = Number(process.env.XR_BENCH_N ?? 1_000_000);

/**
 * Immersive mode. Frame time of the immersive scene at 100k and 1M points in headless Chromium
 * (SwiftShader: software GL, no GPU here), on the desktop and then in an IWER-emulated Quest 3
 * session in the same page, with and without the VR point budget. Then the controller ray's
 * pick at 1M points, ours (kd-tree cone query) beside three's Raycaster on the same points in
 * the same run, each in its own Node process.
 */
export async function run(): Promise<void> {
  await frames();
  await picks();
}

async function frames(): Promise<void> {
  const clientDir = await ensureClientBuild(join(repoRoot, 'dist', 'bench-client'));
  const configs: { label: string; args: Omit<XrFrameArgs, 'clientDir'> }[] = [
    { label: 'all points', args: { n: N / 10, vrBudget: null, frameMs: 6000 } },
    { label: 'all points', args: { n: N, vrBudget: null, frameMs: 10_000 } },
    { label: `VR budget ${VR_POINT_BUDGET}`, args: { n: N, vrBudget: VR_POINT_BUDGET, frameMs: 10_000 } },
  ];
  const rows: Record<string, string | number>[] = [];
  for (const { label, args } of configs) {
    const out = await runCase(frameCases, 'xrFrame', { ...args, clientDir });
    const r = out.result;
    console.log(`${label} @ ${args.n}: ${JSON.stringify(r)}`);
    rows.push({
      points: args.n,
      'in VR': label,
      'drawn in VR': r.drawn,
      'desktop ms mean': r.desktopMeanMs,
      'desktop p95': r.desktopP95Ms,
      'XR ms mean': r.xrMeanMs,
      'XR p95': r.xrP95Ms,
      'XR frames': r.xrFrames,
    });
  }
  printTable('xr: frame interval, desktop canvas then IWER Quest 3 session, same page (SwiftShader, no GPU)', rows);
}

async function picks(): Promise<void> {
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
