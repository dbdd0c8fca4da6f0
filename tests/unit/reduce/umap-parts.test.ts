import { describe, expect, it } from 'vitest';
import { knn } from '../../../server/analysis/neighbors/knn.ts';
import { fuzzySimplicialSet, smoothKnnDist } from '../../../server/analysis/reduce/umap/fuzzy-graph.ts';
import { breadthFirstOrder, relabel } from '../../../server/analysis/reduce/graph-order.ts';
import { createRandom } from '../../../shared/random.ts';
import { penguins } from './datasets.ts';

describe('UMAP building blocks', () => {
  it('calibrates memberships to sum to log2(nNeighbors) and symmetrises by fuzzy union', () => {
    const { x } = penguins();
    const graph = knn(x, 14);
    const { rho, sigma } = smoothKnnDist(graph, x.rows);
    for (const i of [0, 100, 300]) {
      let sum = 0;
      for (let t = 0; t < 14; t++) sum += Math.exp(-Math.max(0, graph.distances[i * 14 + t] - rho[i]) / sigma[i]);
      expect(sum).toBeCloseTo(Math.log2(15), 3);
    }
    const fuzzy = fuzzySimplicialSet(graph, x.rows);
    const weight = new Map<string, number>();
    for (let e = 0; e < fuzzy.head.length; e++) weight.set(`${fuzzy.head[e]},${fuzzy.tail[e]}`, fuzzy.weight[e]);
    for (const [key, w] of weight) {
      const [i, j] = key.split(',');
      expect(weight.get(`${j},${i}`)).toBe(w);
      expect(w).toBeGreaterThan(0);
      expect(w).toBeLessThanOrEqual(1);
    }
  });

  it('renumbers rows breadth-first without losing or changing an edge', () => {
    const { x } = penguins();
    const fuzzy = fuzzySimplicialSet(knn(x, 14), x.rows);
    const { order, rank } = breadthFirstOrder(fuzzy);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: x.rows }, (_, i) => i));
    for (let i = 0; i < x.rows; i++) expect(order[rank[i]]).toBe(i);
    const renamed = relabel(fuzzy, order, rank);
    const before = new Set<string>();
    for (let e = 0; e < fuzzy.head.length; e++) before.add(`${fuzzy.head[e]},${fuzzy.tail[e]},${fuzzy.weight[e]}`);
    for (let e = 0; e < renamed.head.length; e++) {
      if (e > 0) expect(renamed.head[e]).toBeGreaterThanOrEqual(renamed.head[e - 1]);
      expect(before.has(`${order[renamed.head[e]]},${order[renamed.tail[e]]},${renamed.weight[e]}`)).toBe(true);
    }
    expect(renamed.head.length).toBe(fuzzy.head.length);
  });
});
