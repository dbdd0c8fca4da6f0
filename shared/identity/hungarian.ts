/**
 * Maximum-weight assignment (the Hungarian method, Kuhn–Munkres with potentials, O(n²·m) for
 * n ≤ m): pairs rows with columns, each at most once, so the summed weight is the largest
 * possible. Rectangular tables are fine; with more rows than columns some rows stay unpaired.
 *
 * `weights[r][c]` ≥ 0 (larger is better). Returns, per row, its column or -1. A row paired only
 * at weight 0 is still returned paired: callers decide what a zero pairing means.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): number[] {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : weights[0].length;
  for (const row of weights) {
    if (row.length !== cols) throw new Error('maxWeightAssignment: every row needs the same number of columns');
    for (const w of row) if (!Number.isFinite(w) || w < 0) throw new Error('maxWeightAssignment: weights are finite and ≥ 0');
  }
  if (rows === 0 || cols === 0) return new Array<number>(rows).fill(-1);
  // The classic algorithm wants rows ≤ columns: transpose otherwise and read the answer back.
  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  let top = 0;
  for (const row of weights) for (const w of row) if (w > top) top = w;
  // Minimising (top − weight) maximises the weight: every assignment pairs exactly n items.
  // One flat table read in the inner loop (a closure per read was 5× slower at 500 × 500).
  const costs = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) costs[i * m + j] = top - (transposed ? weights[j][i] : weights[i][j]);

  // 1-based arrays as in the textbook formulation; index 0 is the virtual start column.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const owner = new Int32Array(m + 1); // owner[j] = row paired with column j (0 = none)
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    owner[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = owner[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = costs[(i0 - 1) * m + j - 1] - u[i0] - v[j];
        if (reduced < minv[j]) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[owner[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0];
      owner[j0] = owner[j1];
      j0 = j1;
    } while (j0 !== 0);
  }

  const out = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= m; j++) {
    if (owner[j] === 0) continue;
    if (transposed) out[j - 1] = owner[j] - 1;
    else out[owner[j] - 1] = j - 1;
  }
  return out;
}
