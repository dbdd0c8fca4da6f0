import { KdTree } from '../../../shared/spatial/kdtree.ts';
import type { Matrix } from '../matrix.ts';
import { ClusterInputError } from '../cluster/errors.ts';
import { seededSample } from '../sample-rows.ts';

export interface NeighbourAgreementOptions {
  /** Neighbours per point (default 10). */
  k?: number;
  /** Score a seeded sample of this many points (each against all points); default: all points up to 5,000. */
  sample?: number;
  seed?: number;
}

/**
 * How well a labelling agrees with a layout: the mean share of each point's k nearest layout
 * neighbours that carry its label (noise, -1, is a label like any other). 1 when every island
 * is one colour; a clustering that cuts across the islands the eye sees scores lower. Exact
 * neighbours through a kd-tree (the layout has 3 columns); on large layouts a seeded sample of
 * points is scored, since the mean of 5,000 shares is within ±0.01 of the whole.
 */
export function neighbourAgreement(layout: Matrix, labels: Int32Array, options: NeighbourAgreementOptions = {}): number {
  const { rows: n, cols: d, data } = layout;
  if (labels.length !== n) throw new ClusterInputError(`neighbourAgreement: ${n} rows but ${labels.length} labels.`);
  const k = Math.min(options.k ?? 10, n - 1);
  if (k < 1) return 1;
  const queries = seededSample(n, Math.min(n, options.sample ?? 5000), (options.seed ?? 0) ^ 0x68e31da4);
  const tree = new KdTree(data, n, d);
  const found = new Int32Array(k + 1);
  const dist = new Float64Array(k + 1);
  let total = 0;
  for (const i of queries) {
    const count = tree.nearestInto(data, i * d, k + 1, found, dist);
    let same = 0;
    let seen = 0;
    for (let t = 0; t < count && seen < k; t++) {
      if (found[t] === i) continue;
      seen++;
      if (labels[found[t]] === labels[i]) same++;
    }
    total += seen > 0 ? same / seen : 1;
  }
  return total / queries.length;
}
