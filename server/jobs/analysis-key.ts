import { createHash } from 'node:crypto';
import type { AnalysisParams } from '../../shared/analysis-params.ts';

/**
 * Bumped whenever the pipeline's output for the same input changes, so cached analyses from an
 * older pipeline are not served as if they were current.
 */
// 2: density clustering defaults (DBSCAN minPts / eps 'auto', HDBSCAN smallest cluster) changed.
// 3: default k-means checked against the layout (may cluster the layout); k = "auto" searches past 10.
// 4: categories and booleans weigh one neighbour step of the numeric columns (prepare/encode.ts).
// 5: explanations gain shares, lifts, paragraphs, reasons for every top anomaly with typical neighbours, and per-cluster statistics (issue 12).
export const PIPELINE_VERSION = 5;

/** Content key of everything that determines an analysis: the same request twice is one analysis. */
export function analysisKey(datasetId: string, params: AnalysisParams): string {
  return createHash('sha256').update(canonicalJson({ datasetId, params, version: PIPELINE_VERSION })).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
