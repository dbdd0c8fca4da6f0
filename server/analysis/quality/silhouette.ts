import type { Matrix } from '../matrix.ts';
import { createRandom, randomInt } from '../../../shared/random.ts';
import { ClusterInputError } from '../cluster/errors.ts';

export interface SilhouetteOptions {
  /** Score a seeded random subset of this many rows, within that subset (as scikit-learn's sample_size). */
  sample?: number;
  seed?: number;
}

/**
 * Mean silhouette coefficient (Rousseeuw 1987), Euclidean: for each row, a = mean distance to
 * the other rows of its cluster, b = the smallest mean distance to another cluster's rows,
 * s = (b − a) / max(a, b), and s = 0 for a row alone in its cluster (scikit-learn's
 * convention). Noise rows (label -1) are left out. O(m²·d) for m scored rows, so large inputs
 * pass `sample`.
 */
export function silhouette(x: Matrix, labels: Int32Array, options: SilhouetteOptions = {}): number {
  if (labels.length !== x.rows) throw new ClusterInputError(`silhouette: ${x.rows} rows but ${labels.length} labels.`);
  const rows = pickRows(labels, options);
  const m = rows.length;
  const local = new Int32Array(m);
  const ids = new Map<number, number>();
  for (let r = 0; r < m; r++) {
    const l = labels[rows[r]];
    let id = ids.get(l);
    if (id === undefined) ids.set(l, (id = ids.size));
    local[r] = id;
  }
  const c = ids.size;
  if (c < 2 || c >= m) {
    throw new ClusterInputError(`silhouette: needs 2 to m − 1 clusters among the m = ${m} scored rows, got ${c}.`);
  }
  const size = new Float64Array(c);
  for (let r = 0; r < m; r++) size[local[r]]++;
  // sums[r·c + q] = Σ distance from scored row r to the scored rows of cluster q.
  const sums = new Float64Array(m * c);
  const { data, cols: d } = x;
  for (let r = 0; r < m; r++) {
    const ri = rows[r] * d;
    for (let s = r + 1; s < m; s++) {
      const si = rows[s] * d;
      let acc = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[ri + t] - data[si + t];
        acc += diff * diff;
      }
      const dist = Math.sqrt(acc);
      sums[r * c + local[s]] += dist;
      sums[s * c + local[r]] += dist;
    }
  }
  return meanSilhouette(sums, local, size, c);
}

/** Non-noise rows, or a seeded random subset of them (partial Fisher–Yates). */
function pickRows(labels: Int32Array, options: SilhouetteOptions): Int32Array {
  const all: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) all.push(i);
  const sample = options.sample;
  if (sample === undefined || sample >= all.length) return Int32Array.from(all);
  if (!Number.isInteger(sample) || sample < 2) throw new ClusterInputError(`silhouette: sample must be an integer >= 2, got ${sample}.`);
  const random = createRandom(options.seed ?? 0);
  for (let i = 0; i < sample; i++) {
    const j = i + randomInt(random, all.length - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return Int32Array.from(all.slice(0, sample)).sort();
}

/**
 * Every pairwise distance of x's rows, row pairs (r, s > r) in order: m(m − 1)/2 values, 8 MB
 * for 2,000 rows. k = "auto" scores up to 30 partitions of one sample: the distances are the
 * same for each, so they are computed once (the O(m²·d) part) and each score costs O(m²).
 */
export function condensedDistances(x: Matrix): Float32Array {
  const { rows: m, cols: d, data } = x;
  const out = new Float32Array((m * (m - 1)) / 2);
  let p = 0;
  for (let r = 0; r < m; r++) {
    for (let s = r + 1; s < m; s++) {
      let acc = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[r * d + t] - data[s * d + t];
        acc += diff * diff;
      }
      out[p++] = Math.sqrt(acc);
    }
  }
  return out;
}

/** The mean silhouette of a labelling of all m rows (no noise) from their condensed distances. */
export function silhouetteFromDistances(distances: Float32Array, labels: Int32Array): number {
  const m = labels.length;
  if (distances.length !== (m * (m - 1)) / 2) throw new ClusterInputError(`silhouette: ${distances.length} distances do not fit ${m} rows.`);
  let c = 0;
  for (const l of labels) {
    if (l < 0) throw new ClusterInputError('silhouette: labels from precomputed distances cannot be noise.');
    c = Math.max(c, l + 1);
  }
  if (c < 2 || c >= m) throw new ClusterInputError(`silhouette: needs 2 to m − 1 clusters among the m = ${m} scored rows, got ${c}.`);
  const size = new Float64Array(c);
  for (const l of labels) size[l]++;
  const sums = new Float64Array(m * c);
  let p = 0;
  for (let r = 0; r < m; r++) {
    const lr = labels[r];
    for (let s = r + 1; s < m; s++) {
      const dist = distances[p++];
      sums[r * c + labels[s]] += dist;
      sums[s * c + lr] += dist;
    }
  }
  return meanSilhouette(sums, labels, size, c);
}

function meanSilhouette(sums: Float64Array, local: Int32Array, size: Float64Array, c: number): number {
  const m = local.length;
  let total = 0;
  for (let r = 0; r < m; r++) {
    const own = local[r];
    if (size[own] <= 1) continue;
    const a = sums[r * c + own] / (size[own] - 1);
    let b = Infinity;
    for (let q = 0; q < c; q++) if (q !== own && size[q] > 0) b = Math.min(b, sums[r * c + q] / size[q]);
    const denom = Math.max(a, b);
    total += denom > 0 ? (b - a) / denom : 0;
  }
  return total / m;
}
