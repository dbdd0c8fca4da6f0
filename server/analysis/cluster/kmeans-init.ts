import { squaredDistanceBelow, type Matrix } from '../matrix.ts';
import type { Random } from '../../../shared/random.ts';

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's greedy variant):
 * the first centre is a uniformly random row; each next one is the best, by resulting
 * potential Σ min D², of 2 + ⌊ln k⌋ rows drawn with probability ∝ D². The extra trials make
 * poor seedings (two centres in one blob) much rarer.
 * Speed: a row whose current centre is at least twice its distance away from the candidate
 * cannot get closer to the candidate (triangle inequality), so it is skipped without touching
 * its d coordinates; once centres spread out that is most rows.
 * Returns k × d centres (Float64).
 */
export function kmeansPlusPlus(x: Matrix, k: number, random: Random): Float64Array {
  const { rows: n, cols: d, data } = x;
  const centres = new Float64Array(k * d);
  const closest = new Float64Array(n);
  const owner = new Int32Array(n);
  const gap = new Float64Array(k);
  const cumulative = new Float64Array(n);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(random() * n);
  for (let t = 0; t < d; t++) centres[t] = data[first * d + t];
  for (let i = 0; i < n; i++) closest[i] = rowToCentre(data, i, centres, 0, d);

  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) cumulative[i] = running += closest[i];
    let bestRow = -1;
    let bestPotential = Infinity;
    for (let trial = 0; trial < trials; trial++) {
      // All rows coincide with chosen centres (potential 0): any row will do.
      const row = running > 0 ? searchCumulative(cumulative, random() * running) : Math.floor(random() * n);
      const p = evaluate(data, d, centres, closest, owner, gap, row, c, false);
      if (p < bestPotential) {
        bestPotential = p;
        bestRow = row;
      }
    }
    for (let t = 0; t < d; t++) centres[c * d + t] = data[bestRow * d + t];
    evaluate(data, d, centres, closest, owner, gap, bestRow, c, true);
  }
  return centres;
}

/**
 * Potential Σ min D² if `row` became centre c; with `commit`, also makes it so. A top-level
 * function with its arrays as parameters: V8 keeps them in registers, a closure reloads them.
 */
function evaluate(
  data: Float32Array, d: number, centres: Float64Array, closest: Float64Array, owner: Int32Array, gap: Float64Array,
  row: number, c: number, commit: boolean,
): number {
  // gap[j] = squared distance from the candidate to centre j; a row of centre j can only
  // move if gap[j] < 4·closest (i.e. the candidate is within twice its current distance).
  for (let j = 0; j < c; j++) gap[j] = rowToCentre(data, row, centres, j, d);
  const n = closest.length;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const current = closest[i];
    if (gap[owner[i]] >= 4 * current) {
      p += current;
      continue;
    }
    const s = squaredDistanceBelow(data, i, data, row, d, current);
    if (s < current) {
      p += s;
      if (commit) {
        closest[i] = s;
        owner[i] = c;
      }
    } else p += current;
  }
  return p;
}

/** Squared distance from row i of data to centre c. */
export function rowToCentre(data: Float32Array, i: number, centres: Float64Array, c: number, d: number): number {
  let s = 0;
  const ii = i * d;
  const cc = c * d;
  for (let t = 0; t < d; t++) {
    const diff = data[ii + t] - centres[cc + t];
    s += diff * diff;
  }
  return s;
}

/** First index whose cumulative weight exceeds `target`. */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
