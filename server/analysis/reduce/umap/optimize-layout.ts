import type { Random } from '../../../../shared/random.ts';
import type { FuzzyGraph } from './fuzzy-graph.ts';

/**
 * UMAP's layout optimisation (umap-learn's optimize_layout_euclidean, move_other = true):
 * stochastic gradient descent where every edge is sampled in proportion to its weight
 * (epochs_per_sample = w_max / w), pulled together by the attractive force of the curve
 * 1 / (1 + a·d^(2b)), and each positive sample is followed by `negativeSampleRate` repulsive
 * samples against random rows. The learning rate decays linearly to 0 over nEpochs. One call
 * of `epoch()` runs one epoch in place on `embedding` (n × dim, Float32).
 */
export interface LayoutSchedule {
  /** Runs epoch number `e` (0-based) in place. */
  epoch(e: number): void;
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

export function createLayoutSchedule(graph: FuzzyGraph, embedding: Float32Array, dim: number, p: LayoutParams): LayoutSchedule {
  const { head, tail, weight, n } = graph;
  const edges = head.length;
  const { a, b, nEpochs, negativeSampleRate, repulsionStrength: gamma, random } = p;
  let maxWeight = 0;
  for (let e = 0; e < edges; e++) if (weight[e] > maxWeight) maxWeight = weight[e];
  const epochsPerSample = new Float64Array(edges);
  const epochsPerNegative = new Float64Array(edges);
  const nextSample = new Float64Array(edges);
  const nextNegative = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    epochsPerSample[e] = maxWeight / weight[e];
    epochsPerNegative[e] = epochsPerSample[e] / negativeSampleRate;
    nextSample[e] = epochsPerSample[e];
    nextNegative[e] = epochsPerNegative[e];
  }
  const emb = embedding;
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
        const pb = powPositive(d2, b);
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
        const coeff = twoGammaB / ((0.001 + nd2) * (a * powPositive(nd2, b) + 1));
        for (let t = 0; t < dim; t++) emb[cj + t] += clip(coeff * (emb[cj + t] - emb[cq + t])) * alpha;
      }
      if (negatives > 0) nextNegative[e] += negatives * epochsPerNegative[e];
    }
  }
  return { epoch, nEpochs };
}

/**
 * x^b for x > 0. Powers are most of the optimiser's time; V8's Math.pow measured ~2× slower
 * here than exp(b·log x), which agrees with it to ~1e-15.
 */
function powPositive(x: number, b: number): number {
  return Math.exp(b * Math.log(x));
}

function clip(v: number): number {
  return v > 4 ? 4 : v < -4 ? -4 : v;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const TWO_OVER_LN2 = 2 / Math.LN2;
export function fastPow(x: number, b: number): number {
  f64[0] = x;
  const hi = u32[1];
  const e = (hi >>> 20) - 1023;
  u32[1] = (hi & 0xfffff) | 0x3ff00000;
  const m = f64[0];
  const t = (m - 1) / (m + 1);
  const t2 = t * t;
  const l = e + TWO_OVER_LN2 * t * (1 + t2 * (1 / 3 + t2 * (1 / 5 + t2 * (1 / 7 + t2 / 9))));
  const y = b * l;
  const i = Math.floor(y);
  const f = (y - i) * Math.LN2;
  const p = 1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f * (1 / 120 + f * (1 / 720 + f / 5040))))));
  f64[0] = p;
  u32[1] += i << 20;
  return f64[0];
}
