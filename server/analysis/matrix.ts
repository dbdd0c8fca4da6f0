/**
 * A dense row-major matrix of features or coordinates. Float32 keeps 1M × 50 at 200 MB;
 * algorithms accumulate sums in float64 locals.
 */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export function createMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float32Array(rows * cols) };
}

export function matrixFromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  const n = rows.length;
  const d = n === 0 ? 0 : rows[0].length;
  const m = createMatrix(n, d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) m.data[i * d + j] = rows[i][j];
  return m;
}

export function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number, d: number): number {
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let t = 0; t < d; t++) {
    const diff = a[ai + t] - b[bj + t];
    s += diff * diff;
  }
  return s;
}

/**
 * squaredDistance, given up once the sum reaches `bound`: squares only add up, so a row that far
 * can be no nearer. Exact when below the bound, else some value at least the bound. A search for
 * the nearest rows abandons most rows a few columns in.
 */
export function squaredDistanceBelow(a: Float32Array, i: number, b: Float32Array, j: number, d: number, bound: number): number {
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let t = 0; t < d && s < bound; t++) {
    const diff = a[ai + t] - b[bj + t];
    s += diff * diff;
  }
  return s;
}

/** The rows of m listed in `indices`, in that order. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, m.cols);
  for (let r = 0; r < indices.length; r++) {
    out.data.set(m.data.subarray(indices[r] * m.cols, (indices[r] + 1) * m.cols), r * m.cols);
  }
  return out;
}
