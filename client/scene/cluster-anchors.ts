/**
 * Where to float a cluster's name in the scene: at a real point of the cluster, the visible
 * member nearest the centroid of the visible members. A centroid alone can fall in empty
 * space (a ring- or banana-shaped cluster); the nearest member never does.
 */
export interface ClusterAnchor {
  cluster: number;
  /** Index of the representative point. */
  point: number;
  /** Visible members of the cluster. */
  count: number;
}

export interface ClusterAnchorOptions {
  /** Clusters with fewer than this fraction of the visible points get no label (default 0.01). */
  minFraction?: number;
  /** Most labels, the largest clusters first (default 20). */
  maxLabels?: number;
}

/**
 * One anchor per cluster id ≥ 0 (negative ids are noise) among the points with passes[i] = 1
 * (all points when passes is null), largest cluster first, ties by id.
 */
export function clusterAnchors(
  positions: Float32Array,
  cluster: Int32Array,
  passes: Uint8Array | null,
  options: ClusterAnchorOptions = {},
): ClusterAnchor[] {
  const minFraction = options.minFraction ?? 0.01;
  const maxLabels = options.maxLabels ?? 20;
  const n = cluster.length;
  if (positions.length < n * 3) throw new RangeError(`clusterAnchors: ${positions.length / 3} positions for ${n} points`);
  const sums = new Map<number, { x: number; y: number; z: number; count: number }>();
  let visible = 0;
  for (let i = 0; i < n; i++) {
    if (passes && passes[i] !== 1) continue;
    visible++;
    const c = cluster[i];
    if (c < 0) continue;
    let s = sums.get(c);
    if (!s) sums.set(c, (s = { x: 0, y: 0, z: 0, count: 0 }));
    s.x += positions[i * 3];
    s.y += positions[i * 3 + 1];
    s.z += positions[i * 3 + 2];
    s.count++;
  }
  const minCount = Math.max(1, minFraction * visible);
  const kept = [...sums.entries()]
    .filter(([, s]) => s.count >= minCount)
    .sort((a, b) => b[1].count - a[1].count || a[0] - b[0])
    .slice(0, maxLabels);
  const best = new Map<number, { point: number; d: number; cx: number; cy: number; cz: number }>();
  for (const [c, s] of kept) best.set(c, { point: -1, d: Infinity, cx: s.x / s.count, cy: s.y / s.count, cz: s.z / s.count });
  for (let i = 0; i < n; i++) {
    if (passes && passes[i] !== 1) continue;
    const b = best.get(cluster[i]);
    if (!b) continue;
    const dx = positions[i * 3] - b.cx;
    const dy = positions[i * 3 + 1] - b.cy;
    const dz = positions[i * 3 + 2] - b.cz;
    const d = dx * dx + dy * dy + dz * dz;
    if (d < b.d) {
      b.d = d;
      b.point = i;
    }
  }
  return kept.map(([c, s]) => ({ cluster: c, point: best.get(c)!.point, count: s.count }));
}
