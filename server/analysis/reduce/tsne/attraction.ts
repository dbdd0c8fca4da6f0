import type { SparseAffinities } from './affinities.ts';
import { TABLE_SIZE } from './smoothed-kernel.ts';

/**
 * t-SNE's attractive forces over the sparse P: Σ_j p_ij q_ij (y_i − y_j) for rows [from, to)
 * into `out` (3 per row), q_ij = 1 / (1 + |y_i − y_j|²).
 */
export function attraction(P: SparseAffinities, pos: Float64Array, from: number, to: number, out: Float64Array): void {
  const { rowStart, cols, values } = P;
  for (let i = from; i < to; i++) {
    const xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
    let ax = 0, ay = 0, az = 0;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      const dx = xi - pos[3 * j], dy = yi - pos[3 * j + 1], dz = zi - pos[3 * j + 2];
      const pq = values[e] / (1 + dx * dx + dy * dy + dz * dz);
      ax += pq * dx;
      ay += pq * dy;
      az += pq * dz;
    }
    out[3 * i] = ax;
    out[3 * i + 1] = ay;
    out[3 * i + 2] = az;
  }
}

/**
 * The attraction pass of the FFT path, rows [from, to): attraction() into `out`, and, for the same pairs, the
 * correction from the grid's blurred kernel K (smoothed-kernel.ts `table`) to the true q²:
 * Σ_j (q_ij² − K_ij)(y_i − y_j) into `near`; returns Σ_ij (q_ij − K_ij (1 + |y_i − y_j|² − 3σ²)),
 * the correction to the grid's Z (fft-repulsion.ts solveGrid). With no blur the corrections are zero and skipped.
 */
export function attractionWithNearCorrection(
  P: SparseAffinities,
  pos: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
  table: Float64Array,
  near: Float64Array,
): number {
  if (table[0] === 0) {
    attraction(P, pos, from, to, out);
    near.fill(0, 3 * from, 3 * to);
    return 0;
  }
  const { rowStart, cols, values } = P;
  const blur2 = 3 * table[1] * table[1];
  // kernelAt inlined (measured 2× faster on this loop): samples from table[2], linear in r².
  const perStep = 1 / table[0];
  let z = 0;
  for (let i = from; i < to; i++) {
    const xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
    let ax = 0, ay = 0, az = 0, nx = 0, ny = 0, nz = 0;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const j = cols[e];
      const dx = xi - pos[3 * j], dy = yi - pos[3 * j + 1], dz = zi - pos[3 * j + 2];
      const d2 = dx * dx + dy * dy + dz * dz;
      const q = 1 / (1 + d2);
      const pq = values[e] * q;
      ax += pq * dx;
      ay += pq * dy;
      az += pq * dz;
      const u = d2 * perStep;
      let k = q * q;
      if (u < TABLE_SIZE) {
        const t = u | 0;
        const f = u - t;
        k = table[2 + t] + f * (table[3 + t] - table[2 + t]);
      }
      const c = q * q - k;
      nx += c * dx;
      ny += c * dy;
      nz += c * dz;
      z += q - k * (1 + d2 - blur2);
    }
    out[3 * i] = ax;
    out[3 * i + 1] = ay;
    out[3 * i + 2] = az;
    near[3 * i] = nx;
    near[3 * i + 1] = ny;
    near[3 * i + 2] = nz;
  }
  return z;
}
