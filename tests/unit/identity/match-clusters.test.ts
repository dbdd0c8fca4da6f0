import { describe, expect, it } from 'vitest';
import { analysisParamsSchema, type AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { mapClusterIds } from '../../../shared/session/index.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { maxWeightAssignment } from '../../../shared/identity/hungarian.ts';
import { matchClusterIds, type RowClusters } from '../../../shared/identity/match-clusters.ts';
import { createRandom } from '../../../shared/random.ts';
import { loadAsset } from '../../support/assets.ts';

const params = (input: AnalysisParamsInput) => analysisParamsSchema.parse(input);
const rows = (rowIndex: number[], cluster: number[]): RowClusters => ({ rowIndex, cluster });

/** overlap[newRaw][oldShown]: rows in both clusters. */
function overlapTable(previous: RowClusters, next: RowClusters): Map<number, Map<number, number>> {
  const before = new Map<number, number>();
  for (let i = 0; i < previous.rowIndex.length; i++) before.set(previous.rowIndex[i], previous.cluster[i]);
  const out = new Map<number, Map<number, number>>();
  for (let i = 0; i < next.rowIndex.length; i++) {
    const old = before.get(next.rowIndex[i]);
    if (old === undefined || old < 0 || next.cluster[i] < 0) continue;
    const row = out.get(next.cluster[i]) ?? new Map<number, number>();
    row.set(old, (row.get(old) ?? 0) + 1);
    out.set(next.cluster[i], row);
  }
  return out;
}

describe('matching clusters across a re-analysis, on real data', async () => {
  const penguins = await loadAsset('penguins');
  // UMAP + k-means (k = 2), then UMAP + HDBSCAN (10 clusters, whose raw ids do not follow
  // k-means': its raw 0 is mostly k-means' 1).
  const kmeans = runPipeline(penguins, params({ clustering: { method: 'kmeans', k: 2 } }));
  const hdbscan = runPipeline(penguins, params({ clustering: { method: 'hdbscan' } }));
  const first: RowClusters = { rowIndex: kmeans.rowIndex, cluster: kmeans.cluster };
  const second: RowClusters = { rowIndex: hdbscan.rowIndex, cluster: hdbscan.cluster };

  it('k-means → HDBSCAN: each HDBSCAN cluster keeps the number of the k-means cluster it shares most rows with', () => {
    const shown = matchClusterIds(first, second);
    const newIds = [...new Set(Array.from(hdbscan.cluster))].filter((c) => c >= 0);
    expect(newIds.length).toBeGreaterThanOrEqual(2);
    expect([...shown.keys()].sort((a, b) => a - b)).toEqual(newIds.sort((a, b) => a - b));
    expect(new Set(shown.values()).size).toBe(shown.size);
    expect(shown.has(-1)).toBe(false);

    // The pairing is the one of largest total overlap; here, where species separate well, each
    // of the biggest overlaps is its own pair (the same group of penguins, whatever its raw id).
    const table = overlapTable(first, second);
    const pairs = [...table].flatMap(([n, row]) => [...row].map(([o, count]) => ({ n, o, count }))).sort((a, b) => b.count - a.count);
    const takenNew = new Set<number>();
    const takenOld = new Set<number>();
    let checked = 0;
    let greedy = 0;
    for (const { n, o, count } of pairs) {
      if (takenNew.has(n) || takenOld.has(o)) continue;
      takenNew.add(n);
      takenOld.add(o);
      greedy += count;
      if (count < 20) continue;
      expect(shown.get(n), `HDBSCAN cluster ${n} shares ${count} rows with shown cluster ${o}`).toBe(o);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
    // Raw ids alone would have renumbered (and recoloured) a group: the mapping is not the identity.
    expect([...shown].some(([raw, id]) => raw !== id)).toBe(true);
    // Rows that were in shown cluster X and are now in a cluster shown as X: as many as any
    // one-to-one pairing keeps (at least the greedy pairing's), here 95 of 333 since 2 groups became 10.
    const before = new Map<number, number>();
    kmeans.rowIndex.forEach((r, i) => before.set(r, kmeans.cluster[i]));
    let same = 0;
    let clustered = 0;
    hdbscan.rowIndex.forEach((r, i) => {
      if (hdbscan.cluster[i] < 0 || !before.has(r)) return;
      clustered++;
      if (shown.get(hdbscan.cluster[i]) === before.get(r)) same++;
    });
    expect(same).toBeGreaterThanOrEqual(greedy);
    expect(same / clustered).toBeGreaterThan(0.25);
  });

  it('a chain keeps numbers: k-means → HDBSCAN → k-means gives the k-means clusters their first numbers back', () => {
    const middle = matchClusterIds(first, second);
    const shownMiddle: RowClusters = { rowIndex: hdbscan.rowIndex, cluster: mapClusterIds(hdbscan.cluster, middle) };
    const back = matchClusterIds(shownMiddle, first);
    // Both k-means clusters live on in HDBSCAN's biggest groups, so both come back as they were.
    expect([...back]).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});

describe('matching clusters: edge cases', () => {
  it('solving each group of overlapping clusters apart keeps as many rows as one global assignment', () => {
    const random = createRandom(3);
    for (let trial = 0; trial < 60; trial++) {
      // Blocks of rows that move between a few clusters: overlaps form separate groups.
      const rowsN = 200 + Math.floor(random() * 300);
      const rowIndex = Array.from({ length: rowsN }, (_, i) => i);
      const block = (i: number) => Math.floor(i / 50);
      const before = rowIndex.map((i) => (random() < 0.1 ? -1 : block(i) * 3 + Math.floor(random() * 2)));
      const after = rowIndex.map((i) => (random() < 0.1 ? -1 : block(i) * 4 + Math.floor(random() * 3)));
      const shown = matchClusterIds(rows(rowIndex, before), rows(rowIndex, after));
      const table = overlapTable(rows(rowIndex, before), rows(rowIndex, after));
      const kept = [...shown].reduce((sum, [raw, id]) => sum + (table.get(raw)?.get(id) ?? 0), 0);
      const newIds = [...new Set(after.filter((c) => c >= 0))].sort((a, b) => a - b);
      const oldIds = [...new Set(before.filter((c) => c >= 0))].sort((a, b) => a - b);
      const w = newIds.map((n) => oldIds.map((o) => table.get(n)?.get(o) ?? 0));
      const best = maxWeightAssignment(w).reduce((sum, c, r) => sum + (c >= 0 ? w[r][c] : 0), 0);
      expect(kept).toBe(best);
      expect(new Set(shown.values()).size).toBe(shown.size);
    }
  });

  it('more clusters than before: the matched keep their ids, new ones take ids no previous cluster had', () => {
    // Before: rows 0–3 in 0, 4–7 in 1. After: 0–3 in raw 2, 4–5 in raw 0, 6–7 in raw 1, 8–9 (new rows) in raw 3.
    const previous = rows([0, 1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 1, 1, 1, 1]);
    const next = rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [2, 2, 2, 2, 0, 0, 1, 1, 3, 3]);
    const shown = matchClusterIds(previous, next);
    expect(shown.get(2)).toBe(0);
    // Raw 0 and raw 1 tie for old 1; one of them gets it, the other and raw 3 are new (2, 3).
    expect([shown.get(0), shown.get(1)].sort()).toEqual([1, 2]);
    expect(shown.get(3)).toBe(3);
  });

  it('fewer clusters than before: numbers that disappear leave gaps (displayed ids need not be contiguous)', () => {
    const previous = rows([0, 1, 2, 3, 4, 5], [0, 0, 1, 1, 2, 2]);
    const next = rows([0, 1, 2, 3, 4, 5], [1, 1, 1, 1, 0, 0]);
    const shown = matchClusterIds(previous, next);
    expect(shown.get(0)).toBe(2);
    expect([0, 1]).toContain(shown.get(1));
    expect(shown.size).toBe(2);
  });

  it('no shared rows: every cluster is new, numbered after the previous ones', () => {
    const previous = rows([0, 1, 2], [0, 1, 1]);
    const next = rows([3, 4, 5], [0, 0, 1]);
    expect([...matchClusterIds(previous, next)]).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('noise counts for nothing: rows that were noise match no one, noise stays out of the mapping', () => {
    const previous = rows([0, 1, 2, 3], [-1, -1, -1, 0]);
    const next = rows([0, 1, 2, 3], [1, 1, 1, -1]);
    // Raw 1 holds only former noise rows: it is new, and does not take shown id 0.
    expect([...matchClusterIds(previous, next)]).toEqual([[1, 1]]);
    // All noise before and after: nothing to map.
    expect(matchClusterIds(rows([0, 1], [-1, -1]), rows([0, 1], [-1, -1])).size).toBe(0);
  });

  it('an empty analysis on either side', () => {
    expect(matchClusterIds(rows([], []), rows([0, 1], [0, 1]))).toEqual(new Map([[0, 0], [1, 1]]));
    expect(matchClusterIds(rows([0, 1], [0, 1]), rows([], [])).size).toBe(0);
  });
});
