import { fileURLToPath } from 'node:url';
import { printTable, runCase } from '../harness.ts';
import { ensureClientBuild, repoRoot } from '../../support/browser.ts';
import { join } from 'node:path';
import type { RenderCaseArgs } from '../cases/render.ts';

const cases = fileURLToPath(new URL('../cases/render.ts', import.meta.url));

/**
 * Scene rendering and picking in headless Chromium: ours (sphere impostors, one draw call,
 * kd-tree cone picking) beside stock three.js (PointsMaterial squares, Raycaster picking) on
 * the same cloud in the same run. Without a GPU, Chromium renders with SwiftShader on the
 * CPU, so frame times are far above a real GPU's; the ratios are what compare.
 */
export async function run(): Promise<void> {
  const clientDir = await ensureClientBuild(join(repoRoot, 'dist', 'bench-client'));
  const configs: { label: string; args: Omit<RenderCaseArgs, 'clientDir'> }[] = [
    { label: 'ours', args: { n: 100_000, renderer: 'ours', frameMs: 4000, renders: 5, picks: 300 } },
    { label: 'ours, no frag depth', args: { n: 100_000, renderer: 'ours', depth: 'off', frameMs: 4000, renders: 5, picks: 50 } },
    { label: 'three PointsMaterial + Raycaster', args: { n: 100_000, renderer: 'stock', frameMs: 4000, renders: 5, picks: 100 } },
    { label: 'ours', args: { n: 1_000_000, renderer: 'ours', frameMs: 8000, renders: 3, picks: 300 } },
    { label: 'ours, no frag depth', args: { n: 1_000_000, renderer: 'ours', depth: 'off', frameMs: 8000, renders: 3, picks: 50 } },
    { label: 'ours, 250k while moving', args: { n: 1_000_000, renderer: 'ours', budget: 250_000, frameMs: 8000, renders: 3, picks: 50 } },
    { label: 'three PointsMaterial + Raycaster', args: { n: 1_000_000, renderer: 'stock', frameMs: 8000, renders: 3, picks: 50 } },
  ];
  const rows: Record<string, string | number>[] = [];
  for (const { label, args } of configs) {
    const out = await runCase(cases, 'labRender', { ...args, clientDir });
    const r = out.result;
    console.log(`${label} @ ${args.n}: ${JSON.stringify(r)}`);
    rows.push({
      points: args.n,
      renderer: label,
      'render ms (sync)': r.renderMedianMs,
      'rAF ms (orbit)': r.frameMeanMs,
      'rAF p95': r.frameP95Ms,
      'pick ms mean': r.pickMeanMs,
      'pick p95': r.pickP95Ms,
      'pick max': r.pickMaxMs,
      'lasso ms': r.lassoMs,
      'pick-ready ms': r.pickReadyMs,
      'page heap MB': r.jsHeapMB,
    });
  }
  printTable('scene: frame and hover-pick time, headless Chromium (1280×800)', rows);
}
