import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { DatasetComparison } from '../../shared/api-types.ts';
import type { DriftReport } from '../../shared/insights/drift.ts';
import { getDrift } from '../api/drift.ts';
import { clusterSources, type ClusterSources } from '../encodings/cluster-sources.ts';
import { useLoaded } from './use-loaded.ts';
import type { SessionModel } from './session-model.ts';

export interface DriftState {
  /** The two datasets this session's dataset joins; null when it is not a comparison (then nothing else loads). */
  comparison: DatasetComparison | null;
  /** Per-column drift, most drifted first, and the rows added and removed. */
  report: DriftReport | null;
  error: string | null;
  /** Each cluster's points by source (reference, current), for "which clusters grew or shrank". */
  clusters: ClusterSources[] | null;
}

/**
 * What moved, for a session on a comparison dataset (two datasets in one cloud): the drift the
 * dataset keeps and how each cluster splits between the two sources. Desktop panel and VR panel
 * read the same hook.
 */
export function useDrift(model: SessionModel): DriftState {
  const comparison = model.dataset.comparison ?? null;
  const datasetId = model.dataset.id;
  const { value: report, error } = useLoaded<DriftReport>(comparison ? (signal) => getDrift(datasetId, undefined, signal) : null, [datasetId, comparison]);
  useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const sourceName = comparison?.sourceColumn;

  useEffect(() => {
    if (sourceName) model.columns.ensure([sourceName]);
  }, [model, sourceName]);
  const source = sourceName ? model.columns.columns.get(sourceName) : undefined;
  const clusters = useMemo(() => (source ? clusterSources(model.ctx.cluster, model.ctx.rowIndex, source) : null), [model, source]);
  return { comparison, report, error, clusters };
}
