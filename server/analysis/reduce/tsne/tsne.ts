import { createMatrix, type Matrix } from '../../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../../progress.ts';
import { createRandom, randomNormal } from '../../../../shared/random.ts';
import { knn } from '../../neighbors/knn.ts';
import { ReductionInputError, assertFinite, assertPositiveInteger } from '../errors.ts';
import { preReduce } from '../pca.ts';
import { pcaLayout } from '../init-layout.ts';
import { jointAffinities, relabelAffinities } from './affinities.ts';
import { breadthFirstOrderCsr, permuteRows, unpermuteRows } from '../graph-order.ts';
import { sharedCopy, spawnLockstepHelper, type LockstepHelper } from '../lockstep-helper.ts';
import { barnesHutRepulsion } from './barnes-hut-repulsion.ts';
import type { FftRepulsionOptions } from './fft-repulsion.ts';
import { fftForces, shareAffinities } from './fft-forces.ts';
import { attraction } from './attraction.ts';

export interface TsneOptions {
  /** Only 3 is supported: the Barnes–Hut tree is an octree. */
  nComponents?: 3;
  perplexity?: number;
  theta?: number;
  /**
   * Total iterations including the 250 of early exaggeration. Default 750 (openTSNE's 250 +
   * 500): measured trustworthiness at 1000 is no better (see tests/bench).
   */
  nIter?: number;
  learningRate?: 'auto' | number;
  earlyExaggeration?: number;
  seed?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Same contract as UMAP's: a fresh copy of the start (iteration 0), every `layoutEvery` iterations and at the end. */
  onLayout?: (positions: Float32Array, iteration: number, nIter: number) => void;
  layoutEvery?: number;
  /**
   * Threads: 2 puts half the points' tree walks (Barnes–Hut) or the attractive forces (FFT,
   * while the main thread solves the grid) on a helper thread, with the same result as 1.
   * Default: 2 from 5,000 rows.
   */
  threads?: 1 | 2;
  /**
   * How the repulsive forces are summed: 'barnes-hut' (octree), 'fft' (interpolation on a grid,
   * FIt-SNE), or 'auto': FFT from FFT_FROM_ROWS rows.
   */
  repulsion?: 'auto' | 'barnes-hut' | 'fft';
  /** Grid of the FFT repulsion (defaults in fft-repulsion.ts). */
  fft?: FftRepulsionOptions;
}

/** From this many rows 'auto' repulsion is FFT (measured: docs/analysis.md, t-SNE at scale). */
export const FFT_FROM_ROWS = 20_000;

const EXPLORATION_ITERS = 250;
const REPULSION_KERNEL = new URL('./repulsion-kernel.ts', import.meta.url);
const ATTRACTION_KERNEL = new URL('./attraction-kernel.ts', import.meta.url);
const KNN_SHARE = 0.2;

/**
 * NN-descent (from 36,000 rows; exact below) for t-SNE's 3·perplexity = 90 neighbours: 20
 * candidates a round instead of 60, and a 5× looser stop. A round costs ~n·m² distances, and
 * with k = 90 every row already holds so many neighbours that 20 fresh ones a round converge.
 * Measured at 100k rows (35 features; recall against exact on 200 rows): 60 candidates 84–106 s,
 * recall 1.0000; 20 → 45 s, 0.9977. The misses sit at the far end of the 90, where
 * perplexity 30 leaves p_ij near zero (trustworthiness: docs/analysis.md, t-SNE at scale).
 */
const WIDE_NEIGHBOUR_SEARCH = { maxCandidates: 20, delta: 0.005 };

/**
 * Barnes–Hut t-SNE in 3D (van der Maaten 2014), following scikit-learn's optimiser: sparse P
 * from 3·perplexity nearest neighbours, PCA initialisation scaled to std 1e-4, early
 * exaggeration 12 with momentum 0.5 for 250 iterations, then momentum 0.8, learning rate
 * 'auto' = max(n / exaggeration / 4, 50), delta-bar-delta gains. The Student-t kernel has one
 * degree of freedom (bhtsne, openTSNE), not scikit-learn's n_components − 1.
 */
export function tsne(x: Matrix, opts: TsneOptions = {}): Matrix {
  const n = x.rows;
  if ((opts.nComponents ?? 3) !== 3) throw new ReductionInputError('t-SNE here embeds in 3 dimensions only.');
  if (n < 4) throw new ReductionInputError(`t-SNE needs at least 4 rows, got ${n}.`);
  assertFinite(x.data, x.cols, 't-SNE input');
  const perplexity = opts.perplexity ?? 30;
  if (!(perplexity > 0)) throw new ReductionInputError(`perplexity must be positive, got ${perplexity}.`);
  const theta = opts.theta ?? 0.5;
  if (!(theta >= 0)) throw new ReductionInputError(`theta must be >= 0, got ${theta}.`);
  const nIter = opts.nIter ?? 750;
  assertPositiveInteger(nIter, 'nIter');
  const layoutEvery = opts.layoutEvery ?? 25;
  assertPositiveInteger(layoutEvery, 'layoutEvery');
  const exaggeration = opts.earlyExaggeration ?? 12;
  const learningRate = opts.learningRate === undefined || opts.learningRate === 'auto' ? Math.max(n / exaggeration / 4, 50) : opts.learningRate;
  const seed = opts.seed ?? 42;
  const repulsion = opts.repulsion ?? 'auto';
  const fft = repulsion === 'fft' || (repulsion === 'auto' && n >= FFT_FROM_ROWS);

  // Started first so that it boots while the neighbours are searched. With Barnes–Hut it walks
  // the tree for half the points; with FFT it sums the attraction while the grid is solved.
  const threads = opts.threads ?? (n >= 5_000 ? 2 : 1);
  const helper = threads === 2 ? spawnLockstepHelper(fft ? ATTRACTION_KERNEL : REPULSION_KERNEL) : null;
  try {
    return embed(x, { ...opts, perplexity, theta, nIter, layoutEvery, exaggeration, learningRate, seed, fftRepulsion: fft }, helper);
  } finally {
    helper?.stop();
  }
}

interface Resolved extends TsneOptions {
  perplexity: number;
  theta: number;
  nIter: number;
  layoutEvery: number;
  exaggeration: number;
  learningRate: number;
  seed: number;
  fftRepulsion: boolean;
}

function embed(x: Matrix, opts: Resolved, helper: LockstepHelper | null): Matrix {
  const { perplexity, theta, nIter, layoutEvery, exaggeration, learningRate, seed, signal, onProgress } = opts;
  const n = x.rows;
  const features = preReduce(x, 50, { signal });
  // The starting layout before the slow neighbour search: the first cloud people see (as in umap.ts).
  const start = initialPositions(features, createRandom(seed));
  opts.onLayout?.(Float32Array.from(start), 0, nIter);
  const k = Math.min(n - 1, Math.floor(3 * perplexity));
  const graph = knn(features, k, { seed, signal, onProgress: onProgress && ((f) => onProgress(KNN_SHARE * f)), nnDescent: WIDE_NEIGHBOUR_SEARCH });
  const shared = helper !== null;
  // Positions and forces (and P, with FFT) on shared memory when a helper thread takes part.
  let affinities = jointAffinities(graph, n, Math.min(perplexity, k));
  // At FFT sizes the positions outgrow the caches and the attraction pass reads them at random
  // (~130 pairs a row): with the rows in P's breadth-first order, a row's neighbours sit nearby.
  // Layouts are mapped back to the rows' own order whenever they leave.
  const ordered = opts.fftRepulsion ? breadthFirstOrderCsr(n, affinities.rowStart, affinities.cols) : null;
  if (ordered) affinities = relabelAffinities(affinities, ordered.order, ordered.rank);
  const P = shared && opts.fftRepulsion ? shareAffinities(affinities) : affinities;
  const onShared = (a: Float64Array) => (shared ? sharedCopy(a) : a);
  const pos = onShared(ordered ? permuteRows(start, 3, ordered.order, new Float64Array(3 * n)) : start);
  const layoutOut = (): Float32Array => {
    if (!ordered) return Float32Array.from(pos);
    const out = new Float32Array(3 * n);
    unpermuteRows(pos, 3, ordered.order, out);
    return out;
  };
  const forces = onShared(new Float64Array(3 * n));
  const attractive = onShared(new Float64Array(3 * n));
  // Each step fills `attractive` and `forces` and returns Z.
  let sumForces: (it: number) => number;
  if (opts.fftRepulsion) {
    sumForces = fftForces(P, pos, attractive, forces, opts.fft, helper);
  } else {
    const repulse = barnesHutRepulsion(pos, forces, n, theta, helper);
    sumForces = (it) => {
      const z = repulse(it);
      attraction(P, pos, 0, n, attractive);
      return z;
    };
  }
  const grad = new Float64Array(3 * n);
  const update = new Float64Array(3 * n);
  const gains = new Float64Array(3 * n).fill(1);
  for (let it = 0; it < nIter; it++) {
    throwIfAborted(signal);
    const exploring = it < EXPLORATION_ITERS;
    if (it === EXPLORATION_ITERS) {
      // scikit-learn starts the second stage with fresh momentum state.
      update.fill(0);
      gains.fill(1);
    }
    const z = sumForces(it);
    gradient(attractive, forces, z, exploring ? exaggeration : 1, grad);
    const momentum = exploring ? 0.5 : 0.8;
    for (let c = 0; c < 3 * n; c++) {
      const g = grad[c];
      gains[c] = Math.max(0.01, update[c] * g < 0 ? gains[c] + 0.2 : gains[c] * 0.8);
      update[c] = momentum * update[c] - learningRate * gains[c] * g;
      pos[c] += update[c];
    }
    onProgress?.(KNN_SHARE + ((1 - KNN_SHARE) * (it + 1)) / nIter);
    if (opts.onLayout && (it + 1) % layoutEvery === 0 && it + 1 < nIter) opts.onLayout(layoutOut(), it + 1, nIter);
  }
  const out = createMatrix(n, 3);
  out.data.set(layoutOut());
  opts.onLayout?.(out.data.slice(), nIter, nIter);
  return out;
}

/**
 * PCA scores scaled so the first axis has standard deviation 1e-4 (scikit-learn's init="pca"),
 * plus seeded jitter of 1% of that: coincident rows would otherwise start, and stay, on top of
 * each other, and the seed would change nothing.
 */
function initialPositions(features: Matrix, random: () => number): Float64Array {
  const n = features.rows;
  const layout = pcaLayout(features, 3, random);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += layout[3 * i];
  mean /= n;
  let varSum = 0;
  for (let i = 0; i < n; i++) varSum += (layout[3 * i] - mean) ** 2;
  const std = Math.sqrt(varSum / n) || 1;
  const pos = new Float64Array(3 * n);
  for (let c = 0; c < 3 * n; c++) pos[c] = (layout[c] / std) * 1e-4 + randomNormal(random) * 1e-6;
  return pos;
}

/**
 * dC/dy_i = 4 (exaggeration · Σ_j p_ij q_ij (y_i − y_j) − Σ_j q_ij² (y_i − y_j) / Z), with
 * q_ij = 1 / (1 + |y_i − y_j|²) and Z = Σ q over all pairs: `attractive` holds the first sums,
 * `forces` and `z` the repulsive ones.
 */
function gradient(attractive: Float64Array, forces: Float64Array, z: number, exaggeration: number, grad: Float64Array): void {
  const invZ = 1 / z;
  for (let c = 0; c < grad.length; c++) grad[c] = 4 * (exaggeration * attractive[c] - forces[c] * invZ);
}

