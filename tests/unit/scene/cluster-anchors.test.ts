import { describe, expect, it } from 'vitest';
import { clusterAnchors } from '../../../client/scene/cluster-anchors.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';
import { numberAt } from '../../../shared/encodings/point-context.ts';
import { penguins } from '../client/penguin-context.ts';

/** Penguins placed by bill length, bill depth and flipper length (z-scored), clustered by species. */
async function penguinCloud() {
  const { ctx, column } = await penguins();
  const names = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)'];
  const positions = new Float32Array(ctx.count * 3);
  names.forEach((name, d) => {
    const col = column(name);
    const v = Array.from(ctx.rowIndex, (r) => numberAt(col, r));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    v.forEach((x, i) => (positions[i * 3 + d] = (x - mean) / sd));
  });
  return { positions, cluster: ctx.cluster, count: ctx.count };
}

const at = (p: Float32Array, i: number) => [p[i * 3], p[i * 3 + 1], p[i * 3 + 2]];
const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('clusterAnchors', () => {
  it('anchors each penguin species at a member nearest its centroid, nearer its own centroid than any other', async () => {
    const { positions, cluster, count } = await penguinCloud();
    const anchors = clusterAnchors(positions, cluster, null);
    expect(anchors.map((a) => a.cluster).sort()).toEqual([0, 1, 2]);
    // Adelie (151) > Gentoo (123) > Chinstrap (68): largest first.
    expect(anchors.map((a) => a.count)).toEqual([...anchors.map((a) => a.count)].sort((a, b) => b - a));
    expect(anchors.reduce((s, a) => s + a.count, 0)).toBe(count);
    const centroids = new Map<number, number[]>();
    for (const a of anchors) {
      const c = [0, 0, 0];
      for (let i = 0; i < count; i++) if (cluster[i] === a.cluster) at(positions, i).forEach((v, d) => (c[d] += v / a.count));
      centroids.set(a.cluster, c);
    }
    for (const a of anchors) {
      expect(cluster[a.point]).toBe(a.cluster);
      const own = dist(at(positions, a.point), centroids.get(a.cluster)!);
      for (let i = 0; i < count; i++) if (cluster[i] === a.cluster) expect(dist(at(positions, i), centroids.get(a.cluster)!)).toBeGreaterThanOrEqual(own - 1e-5);
      for (const [c, centre] of centroids) if (c !== a.cluster) expect(dist(at(positions, a.point), centre)).toBeGreaterThan(own);
    }
  });

  it('puts a ring-shaped cluster’s label on the ring, not in its empty middle', () => {
    const rand = createRandom(7);
    const n = 400;
    const positions = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = (2 * Math.PI * i) / n;
      positions.set([5 * Math.cos(t) + 0.1 * randomNormal(rand), 5 * Math.sin(t) + 0.1 * randomNormal(rand), 0.1 * randomNormal(rand)], i * 3);
    }
    const [anchor] = clusterAnchors(positions, new Int32Array(n), null);
    expect(dist(at(positions, anchor.point), [0, 0, 0])).toBeGreaterThan(4.5);
  });

  it('uses only points passing the filter, skips noise, tiny clusters and clusters past the cap', () => {
    // 30 clusters of 20 points around x = id, one cluster of 3 points, 50 noise points.
    const sizes = [...Array.from({ length: 30 }, () => 20), 3];
    const n = sizes.reduce((a, b) => a + b, 0) + 50;
    const positions = new Float32Array(n * 3);
    const cluster = new Int32Array(n).fill(-1);
    let i = 0;
    sizes.forEach((size, c) => {
      for (let k = 0; k < size; k++, i++) {
        cluster[i] = c;
        positions.set([c, (k - size / 2) * 0.01, 0], i * 3);
      }
    });
    const all = clusterAnchors(positions, cluster, null);
    expect(all).toHaveLength(20);
    expect(all.every((a) => a.cluster >= 0 && a.cluster < 30)).toBe(true);
    expect(clusterAnchors(positions, cluster, null, { maxLabels: 100 }).map((a) => a.cluster)).not.toContain(30);

    // Hide the central members of cluster 0: its anchor must be a visible member.
    const passes = new Uint8Array(n).fill(1);
    for (let k = 5; k < 15; k++) passes[k] = 0;
    const anchor0 = clusterAnchors(positions, cluster, passes, { maxLabels: 100 }).find((a) => a.cluster === 0)!;
    expect(passes[anchor0.point]).toBe(1);
    expect(anchor0.count).toBe(10);

    // Filter cluster 1 out entirely: no label for it.
    for (let k = 20; k < 40; k++) passes[k] = 0;
    expect(clusterAnchors(positions, cluster, passes, { maxLabels: 100 }).map((a) => a.cluster)).not.toContain(1);
  });
});
