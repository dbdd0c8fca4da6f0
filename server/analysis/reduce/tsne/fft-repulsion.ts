import { convolvePair, createGridConvolution, fftSizeFor, setKernel, type GridConvolution } from './grid-convolution.ts';
import { createKernelTable, fillKernelTable, kernelAt } from './smoothed-kernel.ts';

/**
 * t-SNE's repulsive forces by interpolation on an equispaced grid (FIt-SNE, Linderman et al.
 * 2019), in 3-D. The cube around the points is cut into B³ boxes with p equispaced
 * interpolation nodes per box and axis; each point spreads its charges to the p³ nodes of its
 * box with Lagrange weights, the kernel sums between all nodes are convolutions (FFT), and each
 * point reads its potentials back with the same weights. With the squared Cauchy kernel
 * K = q² = 1 / (1 + r²)² and charges 1, y_x, y_y, y_z:
 *   Σ_j q_ij² (y_i − y_j) = y_i φ₀ − φ_y,   Σ_j q_ij = Σ_i (1 + 2|y_i|²) φ₀ − 2 y_i·φ_y (− n),
 * the second using the symmetry of the interpolated kernel (Σ_i φ_|y|²,i = Σ_i |y_i|² φ₀,i), so
 * four charges (two complex convolutions) do instead of FIt-SNE's five.
 *
 * In 3-D the grid cannot stay as fine as FIt-SNE's (nodes 1/3 apart) once the layout spreads:
 * the FFT would need ~(3·extent)³ nodes. Beyond that spacing the grid carries the kernel
 * blurred to its resolution (smoothed-kernel.ts), and the difference q² − blurred for the
 * pairs of the sparse P, the near neighbours where it matters, is added exactly in the
 * attraction pass (attraction.ts), which visits those pairs anyway.
 */
export interface FftRepulsionOptions {
  /** Interpolation nodes per box and axis (FIt-SNE's default 3). */
  interpolationPoints?: number;
  /** Widest box before more boxes are used (FIt-SNE: 1, one box per unit of the layout). */
  boxWidth?: number;
  /** Most boxes per axis: the grid is (boxes · points)³ and its FFT twice that per axis. */
  maxBoxes?: number;
  /** Blur σ per unit of node spacing beyond FIt-SNE's 1/3 (0: plain interpolation of q²). */
  smoothing?: number;
  /** Put the kernel table on shared memory (a helper thread reads it). */
  shared?: boolean;
}

export interface FftRepulsion {
  points: number;
  boxWidth: number;
  maxBoxes: number;
  smoothing: number;
  /** The grid's kernel (smoothed-kernel.ts): blurred when the nodes are far apart. */
  table: Float64Array;
  tableSpacing: number;
  /** One convolution per grid size met so far (the grid grows as the layout expands). */
  convolutions: Map<number, GridConvolution>;
  /** Per point: the first node of its box per axis (3), then its p weights per axis (3p). */
  nodes: Int32Array;
  weights: Float64Array;
  /** The grid chosen at the last call: for tests and the docs' figures. */
  last: { boxes: number; grid: number; fftSize: number; boxWidth: number; sigma: number };
  /** The grid prepared for this iteration (prepareGrid). */
  current: { conv: GridConvolution; origin: number[]; centre: number[]; boxWidth: number; boxes: number } | null;
}

/** Grid spacings are rounded up to this ladder so the kernel's spectrum is reused between iterations. */
const SPACING_STEP = 1.05;

export function createFftRepulsion(n: number, opts: FftRepulsionOptions = {}): FftRepulsion {
  const points = opts.interpolationPoints ?? 3;
  return {
    points,
    boxWidth: opts.boxWidth ?? 1,
    maxBoxes: opts.maxBoxes ?? 10,
    smoothing: opts.smoothing ?? SMOOTHING,
    table: createKernelTable(opts.shared ?? false),
    tableSpacing: Number.NaN,
    convolutions: new Map(),
    nodes: new Int32Array(3 * n),
    weights: new Float64Array(3 * points * n),
    last: { boxes: 0, grid: 0, fftSize: 0, boxWidth: 0, sigma: 0 },
    current: null,
  };
}

/** FIt-SNE's node spacing (boxes of width 1, 3 nodes each): no blur up to it. */
const FINE_SPACING = 1 / 3;
const SMOOTHING = 1;

/**
 * Chooses this iteration's grid from the layout's extent and sets its kernel (and the table
 * the near-pair correction reads): call before the attraction pass starts.
 */
export function prepareGrid(state: FftRepulsion, pos: Float64Array, n: number): void {
  const p = state.points;
  // The cube: centred on the points' bounding box, its side the widest extent.
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < 3; d++) {
      const v = pos[3 * i + d];
      if (v < lo[d]) lo[d] = v;
      if (v > hi[d]) hi[d] = v;
    }
  }
  const extent = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2], 1e-9);
  // As many boxes as the grid's FFT size takes anyway: finer costs nothing more.
  const wanted = Math.min(state.maxBoxes, Math.max(1, Math.ceil(extent / state.boxWidth)));
  const grid0 = wanted * p;
  const boxes = Math.min(Math.floor((fftSizeFor(grid0) + 1) / 2 / p), state.maxBoxes);
  const grid = boxes * p;
  // Box width rounded up on a geometric ladder (≤ 5% wider than needed), so the kernel's
  // spectrum, a function of the node spacing only, changes every few iterations, not every one.
  const boxWidth = Math.pow(SPACING_STEP, Math.ceil(Math.log((extent * (1 + 1e-9)) / boxes) / Math.log(SPACING_STEP)));
  const side = boxWidth * boxes;
  const centre = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
  const origin = [centre[0] - side / 2, centre[1] - side / 2, centre[2] - side / 2];

  let conv = state.convolutions.get(grid);
  if (!conv) {
    conv = createGridConvolution(grid);
    state.convolutions.set(grid, conv);
  }
  const spacing = boxWidth / p;
  if (state.tableSpacing !== spacing) {
    fillKernelTable(state.table, state.smoothing * Math.sqrt(Math.max(0, spacing * spacing - FINE_SPACING * FINE_SPACING)));
    state.tableSpacing = spacing;
  }
  // A no-op while this grid's spacing is unchanged (the table is a function of the spacing).
  setKernel(conv, (r2) => kernelAt(state.table, r2), spacing);
  state.last = { boxes, grid, fftSize: conv.size, boxWidth, sigma: state.table[1] };
  state.current = { conv, origin, centre, boxWidth, boxes };
}

/**
 * Repulsion on all n points (xyz interleaved in pos) on the prepared grid: Σ_j K_ij (y_i − y_j)
 * into forces (3 per point), and returns Σ_{i≠j} K_ij (1 + |y_i − y_j|² − 3σ²), K the grid's
 * kernel, σ its blur: with no blur exactly the repulsive sums and Z = Σ_{i≠j} q_ij. With blur,
 * the 3σ² takes off what the blur adds to the mean of r² (E|r + e|² = r² + 3σ²), so that the
 * sum over near pairs is right on average and the far ones change by a relative 3σ²/r².
 */
export function solveGrid(state: FftRepulsion, pos: Float64Array, n: number, forces: Float64Array): number {
  const { conv, origin, centre, boxWidth, boxes } = state.current!;
  const grid = conv.grid;
  locate(state, pos, n, origin, boxWidth, boxes);
  const cells = grid * grid * grid;
  const charges = [0, 1, 2, 3].map(() => new Float64Array(cells));
  spread(state, pos, n, centre, grid, charges);
  const potentials = [0, 1, 2, 3].map(() => new Float64Array(cells));
  convolvePair(conv, charges[0], charges[1], potentials[0], potentials[1]);
  convolvePair(conv, charges[2], charges[3], potentials[2], potentials[3]);
  return gather(state, pos, n, centre, grid, potentials, forces, 3 * state.table[1] ** 2) - n * kernelAt(state.table, 0) * (1 - 3 * state.table[1] ** 2);
}

/** prepareGrid and solveGrid in one: the repulsive sums with no near-pair correction. */
export function fftRepulsion(state: FftRepulsion, pos: Float64Array, n: number, forces: Float64Array): number {
  prepareGrid(state, pos, n);
  return solveGrid(state, pos, n, forces);
}

/** Each point's box and Lagrange weights (nodes at (k + ½)/p of the box per axis). */
function locate(state: FftRepulsion, pos: Float64Array, n: number, origin: number[], boxWidth: number, boxes: number): void {
  const p = state.points;
  const { nodes, weights } = state;
  const denominators = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let d = 1;
    for (let m = 0; m < p; m++) if (m !== k) d *= (k - m) / p;
    denominators[k] = d;
  }
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < 3; d++) {
      const t = (pos[3 * i + d] - origin[d]) / boxWidth;
      const box = Math.min(boxes - 1, Math.max(0, Math.floor(t)));
      const x = t - box;
      nodes[3 * i + d] = box * p;
      const w = (3 * i + d) * p;
      for (let k = 0; k < p; k++) {
        let num = 1;
        for (let m = 0; m < p; m++) if (m !== k) num *= x - (m + 0.5) / p;
        weights[w + k] = num / denominators[k];
      }
    }
  }
}

/** Charges 1, x, y, z (centred coordinates) onto the grid nodes. */
function spread(state: FftRepulsion, pos: Float64Array, n: number, centre: number[], grid: number, charges: Float64Array[]): void {
  const p = state.points;
  const { nodes, weights } = state;
  const [c0, c1, c2, c3] = charges;
  for (let i = 0; i < n; i++) {
    const x = pos[3 * i] - centre[0], y = pos[3 * i + 1] - centre[1], z = pos[3 * i + 2] - centre[2];
    const wx = 3 * i * p, wy = wx + p, wz = wy + p;
    for (let a = 0; a < p; a++) {
      const rowA = (nodes[3 * i] + a) * grid;
      for (let b = 0; b < p; b++) {
        const rowB = (rowA + nodes[3 * i + 1] + b) * grid + nodes[3 * i + 2];
        const wab = weights[wx + a] * weights[wy + b];
        for (let c = 0; c < p; c++) {
          const w = wab * weights[wz + c];
          const cell = rowB + c;
          c0[cell] += w;
          c1[cell] += w * x;
          c2[cell] += w * y;
          c3[cell] += w * z;
        }
      }
    }
  }
}

/** Potentials back at the points: forces and Z (see the file's comment). */
function gather(state: FftRepulsion, pos: Float64Array, n: number, centre: number[], grid: number, potentials: Float64Array[], forces: Float64Array, blur2: number): number {
  const p = state.points;
  const { nodes, weights } = state;
  const [f0, f1, f2, f3] = potentials;
  let z = 0;
  for (let i = 0; i < n; i++) {
    const x = pos[3 * i] - centre[0], y = pos[3 * i + 1] - centre[1], zc = pos[3 * i + 2] - centre[2];
    const wx = 3 * i * p, wy = wx + p, wz = wy + p;
    let phi0 = 0, phiX = 0, phiY = 0, phiZ = 0;
    for (let a = 0; a < p; a++) {
      const rowA = (nodes[3 * i] + a) * grid;
      for (let b = 0; b < p; b++) {
        const rowB = (rowA + nodes[3 * i + 1] + b) * grid + nodes[3 * i + 2];
        const wab = weights[wx + a] * weights[wy + b];
        for (let c = 0; c < p; c++) {
          const w = wab * weights[wz + c];
          const cell = rowB + c;
          phi0 += w * f0[cell];
          phiX += w * f1[cell];
          phiY += w * f2[cell];
          phiZ += w * f3[cell];
        }
      }
    }
    forces[3 * i] = x * phi0 - phiX;
    forces[3 * i + 1] = y * phi0 - phiY;
    forces[3 * i + 2] = zc * phi0 - phiZ;
    z += (1 - blur2 + 2 * (x * x + y * y + zc * zc)) * phi0 - 2 * (x * phiX + y * phiY + zc * phiZ);
  }
  return z;
}
