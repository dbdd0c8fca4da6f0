import type { KnnGraph } from '../../neighbors/knn.ts';

/** Symmetric sparse joint probabilities P in CSR form (both directions stored), summing to 1. */
export interface SparseAffinities {
  n: number;
  rowStart: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/**
 * t-SNE's input similarities as scikit-learn's Barnes–Hut variant computes them: on each row's
 * kNN (squared euclidean distances), a binary search for the Gaussian precision β_i whose
 * conditional distribution has the requested perplexity (entropy log(perplexity)), then
 * P = (P_cond + P_condᵀ) / Σ.
 */
export function jointAffinities(graph: KnnGraph, n: number, perplexity: number): SparseAffinities {
  const { k, indices, distances } = graph;
  const conditional = new Float64Array(n * k);
  const targetEntropy = Math.log(perplexity);
  const sq = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    for (let t = 0; t < k; t++) sq[t] = distances[base + t] * distances[base + t];
    let beta = 1;
    let lo = -Infinity;
    let hi = Infinity;
    for (let iter = 0; iter < 100; iter++) {
      let sum = 0;
      let weighted = 0;
      for (let t = 0; t < k; t++) {
        // Shift by the nearest distance: the same distribution, no underflow to all zeros.
        const p = Math.exp(-(sq[t] - sq[0]) * beta);
        sum += p;
        weighted += p * (sq[t] - sq[0]);
      }
      const entropy = Math.log(sum) + beta * (weighted / sum);
      const diff = entropy - targetEntropy;
      if (Math.abs(diff) < 1e-5) break;
      if (diff > 0) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
      }
    }
    let sum = 0;
    for (let t = 0; t < k; t++) {
      const p = Math.exp(-(sq[t] - sq[0]) * beta);
      conditional[base + t] = p;
      sum += p;
    }
    for (let t = 0; t < k; t++) conditional[base + t] /= sum;
  }
  return symmetrize(indices, conditional, n, k);
}

/** P_ij = (p_j|i + p_i|j) / (sum of all), stored for both (i, j) and (j, i). */
function symmetrize(indices: Int32Array, conditional: Float64Array, n: number, k: number): SparseAffinities {
  // Count each row's entries: its own neighbours plus rows listing it that it does not list.
  const counts = new Int32Array(n);
  const listedBy = (row: number, target: number): number => {
    for (let t = row * k; t < row * k + k; t++) if (indices[t] === target) return t;
    return -1;
  };
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      counts[i]++;
      if (listedBy(j, i) < 0) counts[j]++;
    }
  }
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + counts[i];
  const cols = new Int32Array(rowStart[n]);
  const values = new Float64Array(rowStart[n]);
  const fill = rowStart.slice(0, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      const back = listedBy(j, i);
      const v = conditional[i * k + t] + (back >= 0 ? conditional[back] : 0);
      cols[fill[i]] = j;
      values[fill[i]++] = v;
      total += v;
      if (back < 0) {
        cols[fill[j]] = i;
        values[fill[j]++] = v;
        total += v;
      }
    }
  }
  for (let e = 0; e < values.length; e++) values[e] /= total;
  return { n, rowStart, cols, values };
}

/** P with rows and columns renamed by `rank` (row r of the result is row order[r] of P). */
export function relabelAffinities(P: SparseAffinities, order: Int32Array, rank: Int32Array): SparseAffinities {
  const { n, rowStart, cols, values } = P;
  const starts = new Int32Array(n + 1);
  const renamed = new Int32Array(cols.length);
  const moved = new Float64Array(values.length);
  let cursor = 0;
  for (let r = 0; r < n; r++) {
    const row = order[r];
    for (let e = rowStart[row]; e < rowStart[row + 1]; e++) {
      renamed[cursor] = rank[cols[e]];
      moved[cursor++] = values[e];
    }
    starts[r + 1] = cursor;
  }
  return { n, rowStart: starts, cols: renamed, values: moved };
}
