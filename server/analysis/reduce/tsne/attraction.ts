import type { SparseAffinities } from './affinities.ts';

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
