import type { AnalysisDescription, DatasetDetail } from '../../shared/api-types.ts';
import type { AnalysisArrays } from '../api/analyses.ts';
import { RowCache } from '../api/row-cache.ts';
import type { SessionInfo } from '../api/sessions.ts';
import type { SessionConnection } from '../collab/connect-session.ts';
import type { Identity } from '../collab/identity.ts';
import { Presence } from '../collab/presence.ts';
import type { PointContext } from '../../shared/encodings/point-context.ts';
import { ColumnStore } from '../state/column-store.ts';
import type { SessionModel } from './session-model.ts';
import type { ViewDriver } from './view-driver.ts';

/**
 * Assembles the per-analysis model of a session page (stable while the analysis stays). After a
 * re-bind to another analysis of the same dataset, `previous` hands over what belongs to the
 * dataset and the connection (loaded columns, cached rows, our presence), so colours by a
 * column do not reload and others do not see us leave and come back.
 */
export function buildModel(args: {
  info: SessionInfo;
  token: string;
  dataset: DatasetDetail;
  analysis: AnalysisDescription;
  arrays: AnalysisArrays;
  rawClusterIds: ReadonlyMap<number, number>;
  conn: SessionConnection;
  identity: Identity;
  view: { current: ViewDriver | null };
  previous?: SessionModel | null;
}): SessionModel {
  const { analysis, arrays, dataset } = args;
  if (!analysis.result) throw new Error('The analysis has no result.');
  const kept = args.previous && args.previous.dataset.id === dataset.id && args.previous.conn === args.conn ? args.previous : null;
  const columns = kept?.columns ?? new ColumnStore(dataset.id, dataset.columns);
  const ctx: PointContext = {
    count: arrays.count,
    rowIndex: arrays.rowIndex,
    cluster: arrays.cluster,
    anomaly: arrays.anomaly,
    anomalyFlag: arrays.anomalyFlag,
    columns: columns.columns,
    clusterLabels: new Map(analysis.result.clusters.map((c) => [c.id, c.label])),
  };
  const canEdit = args.info.role === 'edit';
  const presence = kept?.presence ?? new Presence(args.conn.awareness, args.identity.name, args.identity.color, 'desktop');
  return {
    info: args.info,
    token: args.token,
    dataset,
    analysis,
    summary: analysis.result,
    arrays,
    rawClusterIds: args.rawClusterIds,
    ctx,
    columns,
    rows: kept?.rows ?? new RowCache(dataset.id),
    conn: args.conn,
    presence,
    identity: args.identity,
    canEdit,
    view: args.view,
  };
}
