import type { Random } from '../../../../shared/random.ts';
import { fastPow } from './fast-pow.ts';
import type { FuzzyGraph } from './fuzzy-graph.ts';
import { breadthFirstOrder, relabel } from './graph-order.ts';

/**
 * UMAP's layout optimisation (umap-learn's optimize_layout_euclidean, move_other = true):
 * stochastic gradient descent where every edge is sampled in proportion to its weight
 * (epochs_per_sample = w_max / w), pulled together by the attractive force of the curve
 * 1 / (1 + a·d^(2b)), and each positive sample is followed by `negativeSampleRate` repulsive
 * samples against random rows. The learning rate decays linearly to 0 over nEpochs. One call
 * of `epoch()` runs one epoch in place on `embedding` (n × dim, Float32).
 */
export interface LayoutSchedule {
  /** Runs epoch number `e` (0-based). */
  epoch(e: number): void;
  /** Writes the current positions, in the caller's row order, into `out` (n × dim). */
  positions(out: Float32Array): void;
  nEpochs: number;
}

export interface LayoutParams {
  a: number;
  b: number;
  nEpochs: number;
  negativeSampleRate: number;
  repulsionStrength: number;
  learningRate: number;
  random: Random;
}

/**
 * `initial` (n × dim) is copied, not modified. Internally rows are renumbered in breadth-first
 * order of the graph so that an edge's two ends sit close in memory: at 100k rows this made
 * epochs markedly faster (cache misses dominated); the order is a pure function of the graph,
 * so results stay deterministic.
 */
export function createLayoutSchedule(original: FuzzyGraph, initial: Float32Array, dim: number, p: LayoutParams): LayoutSchedule {
  const { order, rank } = breadthFirstOrder(original);
  const graph = relabel(original, order, rank);
  const { head, tail, weight, n } = graph;
  const emb = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) for (let t = 0; t < dim; t++) emb[r * dim + t] = initial[order[r] * dim + t];
  const edges = head.length;
  const { a, b, nEpochs, negativeSampleRate, repulsionStrength: gamma, random } = p;
  let maxWeight = 0;
  for (let e = 0; e < edges; e++) if (weight[e] > maxWeight) maxWeight = weight[e];
  // Float32 halves the schedule's memory (4 arrays × edges); epoch counts up to a few hundred
  // keep a resolution of ~1e-5 epoch, far finer than the one-epoch steps they are compared with.
  const epochsPerSample = new Float32Array(edges);
  const epochsPerNegative = new Float32Array(edges);
  const nextSample = new Float32Array(edges);
  const nextNegative = new Float32Array(edges);
  for (let e = 0; e < edges; e++) {
    epochsPerSample[e] = maxWeight / weight[e];
    epochsPerNegative[e] = epochsPerSample[e] / negativeSampleRate;
    nextSample[e] = epochsPerSample[e];
    nextNegative[e] = epochsPerNegative[e];
  }
  const twoAB = 2 * a * b;
  const twoGammaB = 2 * gamma * b;

  function epoch(epochIndex: number): void {
    const alpha = p.learningRate * (1 - epochIndex / nEpochs);
    const now = epochIndex;
    for (let e = 0; e < edges; e++) {
      if (nextSample[e] > now) continue;
      const j = head[e];
      const k = tail[e];
      const cj = j * dim;
      const ck = k * dim;
      let d2 = 0;
      for (let t = 0; t < dim; t++) {
        const diff = emb[cj + t] - emb[ck + t];
        d2 += diff * diff;
      }
      if (d2 > 0) {
        // -2ab·d^(2(b-1)) / (1 + a·d^(2b)) with a single power.
        const pb = fastPow(d2, b);
        const coeff = (-twoAB * pb) / d2 / (a * pb + 1);
        for (let t = 0; t < dim; t++) {
          const g = clip(coeff * (emb[cj + t] - emb[ck + t])) * alpha;
          emb[cj + t] += g;
          emb[ck + t] -= g;
        }
      }
      nextSample[e] += epochsPerSample[e];

      const negatives = Math.floor((now - nextNegative[e]) / epochsPerNegative[e]);
      for (let s = 0; s < negatives; s++) {
        const q = Math.floor(random() * n);
        if (q === j) continue;
        const cq = q * dim;
        let nd2 = 0;
        for (let t = 0; t < dim; t++) {
          const diff = emb[cj + t] - emb[cq + t];
          nd2 += diff * diff;
        }
        if (nd2 <= 0) continue; // coincident points: no defined direction to push.
        const coeff = twoGammaB / ((0.001 + nd2) * (a * fastPow(nd2, b) + 1));
        for (let t = 0; t < dim; t++) emb[cj + t] += clip(coeff * (emb[cj + t] - emb[cq + t])) * alpha;
      }
      if (negatives > 0) nextNegative[e] += negatives * epochsPerNegative[e];
    }
  }
  function positions(out: Float32Array): void {
    for (let r = 0; r < n; r++) for (let t = 0; t < dim; t++) out[order[r] * dim + t] = emb[r * dim + t];
  }
  return { epoch, positions, nEpochs };
}

function clip(v: number): number {
  return v > 4 ? 4 : v < -4 ? -4 : v;
}

