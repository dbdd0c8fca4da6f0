import { describe, expect, it } from 'vitest';
import type { AnalysisDescription } from '../../../shared/api-types.ts';
import type { AnalysisSummary } from '../../../shared/analysis-result.ts';
import type { AnalysisArrays } from '../../../client/api/analyses.ts';
import { withDisplayedClusters } from '../../../shared/session/displayed-clusters.ts';
import { clusterColor, encodeColors } from '../../../shared/encodings/color-encoding.ts';
import { hexToRgb } from '../../../shared/encodings/palettes.ts';
import { valuesFor } from '../../../shared/encodings/point-values.ts';
import { penguins } from './penguin-context.ts';

/** The penguin fixture's species "clusters" (0, 1, 2) as an analysis the page loaded. */
async function loadedAnalysis(): Promise<{ analysis: AnalysisDescription; arrays: AnalysisArrays }> {
  const { ctx } = await penguins();
  const sizes = [0, 1, 2].map((id) => ctx.cluster.filter((c) => c === id).length);
  const result = {
    clusters: [
      { id: 0, size: sizes[0], label: 'short flippers', traits: [] },
      { id: 1, size: sizes[1], label: 'Cluster 2', traits: [] },
      { id: 2, size: sizes[2], label: 'long beaks', traits: [] },
    ],
  } as unknown as AnalysisSummary; // only the clusters are read here
  const analysis = { id: 'analysis02', datasetId: 'dataset01', status: 'done', result } as unknown as AnalysisDescription;
  const arrays: AnalysisArrays = {
    count: ctx.count,
    positions: new Float32Array(ctx.count * 3),
    cluster: ctx.cluster,
    anomaly: ctx.anomaly,
    anomalyFlag: ctx.anomalyFlag,
    rowIndex: ctx.rowIndex,
  };
  return { analysis, arrays };
}

describe('an analysis shown under the session’s cluster numbers', () => {
  it('renumbers per-point clusters and cluster descriptions once, leaving the loaded arrays as they were', async () => {
    const { analysis, arrays } = await loadedAnalysis();
    const before = Int32Array.from(arrays.cluster);
    const stored = { analysisId: 'analysis02', shown: new Map([[0, 3], [1, 0], [2, 1]]) };
    const shown = withDisplayedClusters(analysis, arrays, stored);
    for (let i = 0; i < arrays.count; i++) expect(shown.arrays.cluster[i]).toBe(stored.shown.get(before[i]));
    expect([...arrays.cluster]).toEqual([...before]);
    expect(shown.analysis.result!.clusters.map((c) => [c.id, c.label])).toEqual([
      [0, 'Cluster 1'], // raw 1's fallback label follows its number
      [1, 'long beaks'],
      [3, 'short flippers'],
    ]);
    // Requests to the server name the raw cluster again.
    expect([...shown.rawClusterIds].sort((a, b) => a[0] - b[0])).toEqual([[0, 1], [1, 2], [3, 0]]);
    expect(withDisplayedClusters(analysis, arrays, null).rawClusterIds.get(2)).toBe(2);
    // A mapping for another analysis, or none, shows raw ids.
    expect(withDisplayedClusters(analysis, arrays, { ...stored, analysisId: 'analysis01' }).arrays).toBe(arrays);
    expect(withDisplayedClusters(analysis, arrays, null).arrays).toBe(arrays);
  });

  it('colours by displayed id with gaps: cluster 3 has the colour of C4 whatever the other numbers', async () => {
    const { ctx } = await penguins();
    const { analysis, arrays } = await loadedAnalysis();
    const shown = withDisplayedClusters(analysis, arrays, { analysisId: 'analysis02', shown: new Map([[0, 3], [1, 0], [2, 1]]) });
    const shownCtx = { ...ctx, cluster: shown.arrays.cluster, clusterLabels: new Map(shown.analysis.result!.clusters.map((c) => [c.id, c.label])) };
    const values = valuesFor({ by: 'cluster' }, shownCtx);
    if (!values || 'pending' in values) throw new Error('values missing');
    const { rgb, legend } = encodeColors(values.values, { by: 'cluster' }, values.title);
    if (legend.kind !== 'categorical') throw new Error('expected a categorical legend');
    expect(legend.items.map((i) => [i.key, i.label.split(' · ')[0], i.color])).toEqual([0, 1, 3].map((id) => [id, `C${id + 1}`, clusterColor(id)]));
    expect(new Set(legend.items.map((i) => i.color)).size).toBe(3);
    for (let i = 0; i < shownCtx.count; i += 7) {
      expect([rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]]).toEqual(hexToRgb(clusterColor(shownCtx.cluster[i])));
    }
  });
});
