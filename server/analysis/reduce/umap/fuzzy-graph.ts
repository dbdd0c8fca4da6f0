import type { KnnGraph } from '../../neighbors/knn.ts';

/**
 * UMAP's fuzzy simplicial set, as umap-learn builds it: each row's neighbour distances become
 * memberships exp(-(d - ρ_i) / σ_i), where ρ_i is the distance to its nearest neighbour (local
 * connectivity 1) and σ_i is found by binary search so the memberships sum to log2(k); then
 * the directed graph is symmetrised by fuzzy union w_ij + w_ji − w_ij·w_ji.
 */
const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

export interface FuzzyGraph {
  n: number;
  /** Edges sorted by head; both directions of every undirected edge are listed. */
  head: Int32Array;
  tail: Int32Array;
  weight: Float32Array;
}

/**
 * ρ and σ of every row (umap-learn's smooth_knn_dist with local_connectivity = 1). umap-learn
 * counts each row among its own n_neighbors, so a graph of k other rows stands for
 * n_neighbors = k + 1 and the memberships sum to log2(k + 1).
 */
export function smoothKnnDist(graph: KnnGraph, n: number): { rho: Float64Array; sigma: Float64Array } {
  const { k, distances } = graph;
  const target = Math.log2(k + 1);
  const rho = new Float64Array(n);
  const sigma = new Float64Array(n);
  let meanAll = 0;
  for (let t = 0; t < n * k; t++) meanAll += distances[t];
  meanAll /= n * k;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let firstPositive = 0;
    for (let t = 0; t < k; t++) {
      if (distances[base + t] > 0) {
        firstPositive = distances[base + t];
        break;
      }
    }
    rho[i] = firstPositive;
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let iter = 0; iter < 64; iter++) {
      let psum = 0;
      for (let t = 0; t < k; t++) {
        const d = distances[base + t] - rho[i];
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    // Guard against vanishing σ in very dense neighbourhoods (duplicates), as umap-learn does.
    let meanI = 0;
    for (let t = 0; t < k; t++) meanI += distances[base + t];
    meanI /= k;
    const floor = MIN_K_DIST_SCALE * (rho[i] > 0 ? meanI : meanAll);
    sigma[i] = Math.max(mid, floor);
  }
  return { rho, sigma };
}

export function fuzzySimplicialSet(graph: KnnGraph, n: number): FuzzyGraph {
  const { k, indices, distances } = graph;
  const { rho, sigma } = smoothKnnDist(graph, n);
  const directed = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const d = distances[i * k + t] - rho[i];
      directed[i * k + t] = d <= 0 ? 1 : Math.exp(-d / sigma[i]);
    }
  }
  // Who lists i, with the membership they give it (CSR of the transpose, rows ascending): each
  // row's merge below then reads only its own two lists instead of every neighbour's row.
  const revStart = new Int32Array(n + 1);
  for (let e = 0; e < n * k; e++) revStart[indices[e] + 1]++;
  for (let i = 0; i < n; i++) revStart[i + 1] += revStart[i];
  const revFrom = new Int32Array(n * k);
  const revWeight = new Float32Array(n * k);
  const fill = revStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const slot = fill[indices[i * k + t]]++;
      revFrom[slot] = i;
      revWeight[slot] = directed[i * k + t];
    }
  }

  const capacity = 2 * n * k;
  const head = new Int32Array(capacity);
  const tail = new Int32Array(capacity);
  const weight = new Float32Array(capacity);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const from = revStart[i];
    const to = revStart[i + 1];
    // i's own neighbours, merged with w_ji when j lists i too.
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      const wij = directed[i * k + t];
      let wji = 0;
      for (let s = from; s < to; s++) {
        if (revFrom[s] === j) {
          wji = revWeight[s];
          break;
        }
      }
      const w = wij + wji - wij * wji;
      if (w > 0) {
        head[m] = i;
        tail[m] = j;
        weight[m++] = w;
      }
    }
    // Rows that list i without i listing them.
    for (let s = from; s < to; s++) {
      const j = revFrom[s];
      if (listed(indices, k, i, j)) continue;
      const wji = revWeight[s];
      if (wji > 0) {
        head[m] = i;
        tail[m] = j;
        weight[m++] = wji;
      }
    }
  }
  return { n, head: head.slice(0, m), tail: tail.slice(0, m), weight: weight.slice(0, m) };
}

function listed(indices: Int32Array, k: number, row: number, j: number): boolean {
  for (let t = row * k; t < row * k + k; t++) if (indices[t] === j) return true;
  return false;
}
