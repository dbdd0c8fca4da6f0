import { readNotes, type AnalysisSummary } from '../../shared/analysis-result.ts';

/**
 * A summary as stored, read into today's shape: notes saved before they had a level were
 * strings; clusters saved before issue 12 lack their share and paragraph (the share is their size
 * over the points; the paragraph stays empty: rerun the analysis for one), anomalies their
 * typical neighbours (none listed).
 */
export function readStoredSummary(result: AnalysisSummary): AnalysisSummary {
  const points = result.pointCount;
  return {
    ...result,
    notes: readNotes(result.notes),
    clusters: (result.clusters ?? []).map((c) => ({ ...c, share: c.share ?? (points > 0 ? c.size / points : 0), paragraph: c.paragraph ?? '' })),
    anomalies: { ...result.anomalies, top: (result.anomalies?.top ?? []).map((a) => ({ ...a, typical: a.typical ?? [] })) },
  };
}
