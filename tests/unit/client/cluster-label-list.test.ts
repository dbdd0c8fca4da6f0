import { describe, expect, it } from 'vitest';
import type { Legend } from '../../../shared/encodings/legend.ts';
import { clusterLabelList, clusterNamesShown } from '../../../client/session/cluster-label-list.ts';

const legendOf = (clusters: number, otherCount = 0): Legend => ({
  kind: 'categorical',
  title: 'Cluster',
  items: [
    ...Array.from({ length: clusters }, (_, c) => ({ label: `C${c} · name ${c}`, color: `#0000${(c + 16).toString(16)}`, count: 10, key: c })),
    { label: 'noise', color: '#555555', count: 3, key: -1 },
  ],
  otherCount,
});

describe('clusterNamesShown', () => {
  it('is on by default for ≤ 20 clusters coloured by cluster, off for more or other colourings', () => {
    expect(clusterNamesShown('cluster', legendOf(20), null)).toBe(true);
    expect(clusterNamesShown('cluster', legendOf(21), null)).toBe(false);
    expect(clusterNamesShown('cluster', legendOf(5, 40), null)).toBe(false);
    expect(clusterNamesShown('column', legendOf(5), null)).toBe(false);
    expect(clusterNamesShown('cluster', null, null)).toBe(false);
  });

  it('follows the personal choice either way, but never without cluster colours', () => {
    expect(clusterNamesShown('cluster', legendOf(3), false)).toBe(false);
    expect(clusterNamesShown('cluster', legendOf(30), true)).toBe(true);
    expect(clusterNamesShown('anomaly', legendOf(3), true)).toBe(false);
  });
});

describe('clusterLabelList', () => {
  it('labels each cluster at one of its points with the legend text and colour, not noise', () => {
    // Cluster 0 along x around 0, cluster 1 around 10, noise far away.
    const cluster = Int32Array.from([0, 0, 0, 1, 1, 1, -1]);
    const positions = Float32Array.from([-1, 0, 0, 0, 0, 0, 1, 0, 0, 9, 1, 0, 10, 1, 0, 11, 1, 0, 50, 50, 50]);
    const labels = clusterLabelList(positions, cluster, null, legendOf(2));
    expect(labels).toEqual([
      { id: '0', point: 1, text: 'C0 · name 0', color: '#000010', position: [0, 0, 0], members: Uint32Array.from([0, 1, 2]) },
      { id: '1', point: 4, text: 'C1 · name 1', color: '#000011', position: [10, 1, 0], members: Uint32Array.from([3, 4, 5]) },
    ]);
    expect(clusterLabelList(positions, cluster, null, { kind: 'constant', title: '', color: '#fff' })).toEqual([]);
  });
});
