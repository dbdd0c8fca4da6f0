import { describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../shared/analysis-result.ts';
import { readStoredSummary } from '../../../server/store/stored-summary.ts';

describe('summaries stored by older versions', () => {
  it('read in the current shape: cluster shares computed, empty paragraphs, no typical rows, string notes as info', () => {
    // As a version before issue 12 wrote it: no share, paragraph or typical; notes as strings.
    const old = {
      pointCount: 200,
      clusters: [{ id: 0, size: 150, label: 'Gentoo', traits: [] }, { id: 1, size: 50, label: 'Adelie', traits: [] }],
      anomalies: { method: 'isolation-forest', contamination: 0.02, flagged: 4, top: [{ point: 3, rowIndex: 3, score: 0.8, reasons: [] }] },
      notes: ['sampled 100 points'],
    } as unknown as AnalysisSummary;
    const read = readStoredSummary(old);
    expect(read.clusters.map((c) => [c.share, c.paragraph])).toEqual([[0.75, ''], [0.25, '']]);
    expect(read.anomalies.top[0].typical).toEqual([]);
    expect(read.anomalies.flagged).toBe(4);
    expect(read.notes).toEqual([{ level: 'info', text: 'sampled 100 points' }]);
  });

  it('leaves a current summary as it is', () => {
    const current = {
      pointCount: 10,
      clusters: [{ id: 0, size: 10, share: 1, label: 'All', traits: [], paragraph: '10 rows, 100% of all: …' }],
      anomalies: { method: 'zscore', contamination: 0.02, flagged: 0, top: [{ point: 0, rowIndex: 0, score: 0.5, reasons: [], typical: [{ rowIndex: 1, distance: 0.5 }] }] },
      notes: [{ level: 'warning', text: 'rows left out' }],
    } as unknown as AnalysisSummary;
    expect(readStoredSummary(current)).toEqual(current);
  });
});
