import { describe, expect, it } from 'vitest';
import { analysisParamsSchema, type AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { matchClusterIds } from '../../../shared/identity/match-clusters.ts';
import { mapClusterIds } from '../../../shared/session/index.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { earlyAnomaliesOnShown, earlyClustersOnShown } from '../../../client/session/early-results.ts';
import { readyStage } from '../../../client/panels/stage-words.ts';
import { loadAsset } from '../../support/assets.ts';

/**
 * The penguins analysed three times: the session shows the second analysis (numbered against
 * the first, as a re-bind numbers it), and moves to a third whose points are other rows (missing
 * values filled in): its clusters, as they stream ahead of its result, land on the points on show.
 */
const penguins = await loadAsset('penguins');
const run = (input: AnalysisParamsInput) => runPipeline(penguins, analysisParamsSchema.parse({ reduction: { method: 'pca' }, ...input }));
const first = run({ clustering: { method: 'kmeans', k: 3 }, missing: 'drop', seed: 1 });
const second = run({ clustering: { method: 'kmeans', k: 4 }, missing: 'drop', seed: 2 });
const next = run({ clustering: { method: 'kmeans', k: 3 }, missing: 'impute', seed: 3 });
// The second analysis as the session shows it: its clusters under the numbers its re-bind gave them.
const shown = { rowIndex: second.rowIndex, cluster: mapClusterIds(second.cluster, matchClusterIds(first, second)) };

const pointOf = (rows: Uint32Array, row: number) => rows.indexOf(row);

describe('early clusters on the points on show', () => {
  it("number each point's new cluster exactly as the re-bind will (the same matching by shared rows)", () => {
    const early = earlyClustersOnShown(shown, next.rowIndex, next.cluster);
    const rebindNumbers = matchClusterIds(shown, { rowIndex: next.rowIndex, cluster: next.cluster });
    const finalShown = mapClusterIds(next.cluster, rebindNumbers);
    expect(early).toHaveLength(shown.rowIndex.length);
    for (let p = 0; p < shown.rowIndex.length; p++) expect(early[p]).toBe(finalShown[pointOf(next.rowIndex, shown.rowIndex[p])]);
  });

  it('keeps the numbers (and so the colours) of the clusters people were looking at', () => {
    // Shown: k = 4; next: k = 3 on the same penguins. Most points keep their number, far more than raw ids would keep.
    const early = earlyClustersOnShown(shown, next.rowIndex, next.cluster);
    let kept = 0;
    let rawKept = 0;
    for (let p = 0; p < shown.rowIndex.length; p++) {
      kept += early[p] === shown.cluster[p] ? 1 : 0;
      rawKept += next.cluster[pointOf(next.rowIndex, shown.rowIndex[p])] === shown.cluster[p] ? 1 : 0;
    }
    expect(kept / shown.rowIndex.length).toBeGreaterThan(0.6);
    expect(kept).toBeGreaterThanOrEqual(rawKept);
    expect(new Set(early).size).toBe(3);
  });

  it('reads rows the new analysis leaves out as noise with no anomaly, and leaves its inputs alone', () => {
    // The other way round: the points on show are every row, the new analysis dropped some.
    const all = { rowIndex: next.rowIndex, cluster: next.cluster.slice() };
    const before = second.cluster.slice();
    const early = earlyClustersOnShown(all, second.rowIndex, second.cluster);
    const { anomaly, anomalyFlag } = earlyAnomaliesOnShown(all.rowIndex, second.rowIndex, second.anomaly, second.anomalyFlag);
    let left = 0;
    for (let p = 0; p < all.rowIndex.length; p++) {
      const q = pointOf(second.rowIndex, all.rowIndex[p]);
      if (q < 0) {
        left++;
        expect([early[p], anomaly[p], anomalyFlag[p]]).toEqual([-1, 0, 0]);
      } else {
        expect([anomaly[p], anomalyFlag[p]]).toEqual([second.anomaly[q], second.anomalyFlag[q]]);
        expect(early[p]).toBeGreaterThanOrEqual(0);
      }
    }
    expect(left).toBe(next.rowIndex.length - second.rowIndex.length);
    expect(left).toBeGreaterThan(0);
    expect(second.cluster).toEqual(before);
  });
});

describe('the stage in words', () => {
  it('says what the cloud already shows', () => {
    expect(readyStage('anomalies', { clusters: false, anomalies: false })).toBe('Scoring anomalies');
    expect(readyStage('anomalies', { clusters: true, anomalies: false })).toBe('Clusters ready · finding anomalies…');
    expect(readyStage('explain', { clusters: true, anomalies: true })).toBe('Clusters and anomalies ready · describing them…');
    // The VR panel's font has neither "·" nor "…".
    expect(readyStage('cluster', { clusters: true, anomalies: false }, true)).toBe('Clusters ready, finding anomalies');
  });
});
