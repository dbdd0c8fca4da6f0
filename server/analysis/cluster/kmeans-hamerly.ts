import type { Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { rowToCentre } from './kmeans-init.ts';

export interface LloydRun {
  labels: Int32Array;
  centroids: Float64Array;
  iterations: number;
}

/**
 * Lloyd's k-means iterations with Hamerly's bounds (Hamerly 2010): each row keeps an upper
 * bound on the distance to its centre and a lower bound on the distance to any other; a row
 * whose upper bound is below max(lower bound, half the gap to the nearest other centre)
 * provably keeps its centre and costs O(1) instead of O(k·d). Results are exactly Lloyd's.
 * Stops when no row changes cluster or when the total squared centre shift is ≤ `shiftTolerance`
 * (scikit-learn's rule); a final assignment pass then makes labels match the centres.
 * An emptied cluster is re-seeded at the row farthest from its centre.
 */
export function hamerly(
  x: Matrix, centres: Float64Array, k: number, maxIterations: number, shiftTolerance: number,
  onProgress?: ProgressFn, signal?: AbortSignal,
): LloydRun {
  const { rows: n, cols: d, data } = x;
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const moved = new Float64Array(k);
  const half = new Float64Array(k);

  const scan = (i: number): number => {
    let best = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let c = 0; c < k; c++) {
      const s = rowToCentre(data, i, centres, c, d);
      if (s < d1) {
        d2 = d1;
        d1 = s;
        best = c;
      } else if (s < d2) d2 = s;
    }
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
    return best;
  };
  const addRow = (i: number, c: number, sign: number) => {
    counts[c] += sign;
    for (let t = 0; t < d; t++) sums[c * d + t] += sign * data[i * d + t];
  };
  const assignAll = () => {
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) addRow(i, (labels[i] = scan(i)), 1);
  };
  const assignPass = (): number => {
    halfGaps(centres, k, d, half);
    let changes = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      const bound = Math.max(half[a], lower[i]);
      if (upper[i] <= bound) continue;
      upper[i] = Math.sqrt(rowToCentre(data, i, centres, a, d));
      if (upper[i] <= bound) continue;
      const best = scan(i);
      if (best !== a) {
        addRow(i, a, -1);
        addRow(i, best, 1);
        labels[i] = best;
        changes++;
      }
    }
    return changes;
  };

  assignAll();
  let iterations = 0;
  while (iterations < maxIterations) {
    throwIfAborted(signal);
    iterations++;
    if (reseedEmpty(x, centres, labels, counts, k)) {
      assignAll();
      continue;
    }
    const shift = moveCentres(centres, sums, counts, k, d, moved);
    shiftBounds(labels, upper, lower, moved, k);
    const changes = assignPass();
    onProgress?.(iterations / maxIterations);
    if (changes === 0 || shift <= shiftTolerance) break;
  }
  return { labels, centroids: centres, iterations };
}

/** Centres to the means of their rows; moved[c] = distance each moved; returns Σ moved². */
function moveCentres(centres: Float64Array, sums: Float64Array, counts: Float64Array, k: number, d: number, moved: Float64Array): number {
  let total = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const next = sums[c * d + t] / counts[c];
      const diff = next - centres[c * d + t];
      s += diff * diff;
      centres[c * d + t] = next;
    }
    moved[c] = Math.sqrt(s);
    total += s;
  }
  return total;
}

/** Keeps the bounds valid after centres moved: the triangle inequality, per row. */
function shiftBounds(labels: Int32Array, upper: Float64Array, lower: Float64Array, moved: Float64Array, k: number): void {
  let first = 0;
  let second = 0;
  let firstIndex = -1;
  for (let c = 0; c < k; c++) {
    if (moved[c] > first) {
      second = first;
      first = moved[c];
      firstIndex = c;
    } else if (moved[c] > second) second = moved[c];
  }
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i];
    upper[i] += moved[a];
    lower[i] -= a === firstIndex ? second : first;
  }
}

/** half[c] = half the distance from centre c to its nearest other centre. */
function halfGaps(centres: Float64Array, k: number, d: number, half: Float64Array): void {
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = centres[a * d + t] - centres[b * d + t];
        s += diff * diff;
      }
      const h = Math.sqrt(s) / 2;
      if (h < half[a]) half[a] = h;
      if (h < half[b]) half[b] = h;
    }
  }
}

/**
 * Moves each empty centre onto the row currently farthest from its own centre (the row the
 * partition explains worst). Returns whether anything moved, in which case bounds are stale.
 */
function reseedEmpty(x: Matrix, centres: Float64Array, labels: Int32Array, counts: Float64Array, k: number): boolean {
  const { rows: n, cols: d, data } = x;
  let any = false;
  const taken = new Uint8Array(n);
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    let farDist = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const s = rowToCentre(data, i, centres, labels[i], d);
      if (s > farDist) {
        farDist = s;
        far = i;
      }
    }
    taken[far] = 1;
    for (let t = 0; t < d; t++) centres[c * d + t] = data[far * d + t];
    counts[c] = 1;
    any = true;
  }
  return any;
}
