import { createRandom, randomInt, randomNormal } from '../../shared/random.ts';
import { PointFlag } from '../../shared/scene/flags.ts';
import type { PointCloudData } from '../scene/types.ts';

/** Okabe–Ito-inspired categorical colours, readable on the dark background and far from the anomaly halo's red. */
export const LAB_PALETTE: readonly [number, number, number][] = [
  [86, 180, 233],
  [230, 159, 0],
  [0, 158, 115],
  [240, 228, 66],
  [204, 121, 167],
  [176, 132, 96],
  [120, 144, 255],
  [160, 220, 120],
];

export interface LabCloud {
  data: PointCloudData;
  /** Cluster of every point; -1 for the scattered outliers. */
  cluster: Int16Array;
}

/**
 * A cloud shaped like a UMAP layout of a clustered table: anisotropic Gaussian blobs of
 * different sizes, plus 0.3% scattered outliers flagged as anomalies. Seeded: the same n gives
 * the same cloud, so tests can reason about it.
 */
export function generateLabCloud(n: number, seed = 7): LabCloud {
  const random = createRandom(seed);
  const k = LAB_PALETTE.length;
  const centres = Array.from({ length: k }, () => [randomNormal(random) * 4, randomNormal(random) * 2.5, randomNormal(random) * 4]);
  const spreads = Array.from({ length: k }, () => [0.5 + random() * 0.9, 0.4 + random() * 0.7, 0.5 + random() * 0.9]);
  const weights = Array.from({ length: k }, () => 0.5 + random());
  const total = weights.reduce((a, b) => a + b, 0);
  const positions = new Float32Array(n * 3);
  const colors = new Uint8Array(n * 4);
  const sizes = new Float32Array(n);
  const flags = new Uint8Array(n);
  const cluster = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const outlier = random() < 0.003;
    let c = -1;
    if (outlier) {
      for (let a = 0; a < 3; a++) positions[i * 3 + a] = (random() * 2 - 1) * 9;
    } else {
      let pick = random() * total;
      c = 0;
      while (c < k - 1 && pick > weights[c]) pick -= weights[c++];
      for (let a = 0; a < 3; a++) positions[i * 3 + a] = centres[c][a] + randomNormal(random) * spreads[c][a];
    }
    cluster[i] = c;
    const rgb = c < 0 ? [225, 228, 235] : LAB_PALETTE[c];
    colors.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
    sizes[i] = 0.75 + random() * 0.6;
    flags[i] = PointFlag.PassesFilter | (outlier ? PointFlag.Anomaly : 0);
  }
  // A handful of selected and highlighted points so every ring style shows in screenshots.
  for (let s = 0; s < Math.min(40, n); s++) flags[randomInt(random, n)] |= PointFlag.Selected;
  for (let s = 0; s < Math.min(40, n); s++) flags[randomInt(random, n)] |= PointFlag.Highlight;
  return { data: { count: n, positions, colors, sizes, flags }, cluster };
}

/** Flags where only points of `keep` pass the filter (null = every point passes). */
export function filterToCluster(base: Uint8Array, cluster: Int16Array, keep: number | null): Uint8Array {
  const out = new Uint8Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const passes = keep === null || cluster[i] === keep;
    out[i] = passes ? base[i] | PointFlag.PassesFilter : base[i] & ~PointFlag.PassesFilter;
  }
  return out;
}
