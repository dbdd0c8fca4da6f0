import { matchClusterIds } from '../../shared/identity/match-clusters.ts';
import { mapClusterIds } from '../../shared/session/index.ts';
import { placeByRow } from './layout-by-row.ts';

/** The points on show: their dataset rows and the (displayed) clusters the session shows them in. */
export interface ShownPoints {
  rowIndex: Uint32Array;
  cluster: Int32Array;
}

/**
 * The clusters of the analysis the session is moving to, on the points on show, under the
 * numbers the server's re-bind will give them: the same matching by shared rows against the
 * clusters shown now (shared/identity/match-clusters.ts, what `PUT /api/sessions/:id/analysis`
 * runs), so a cluster keeps its number and colour from its early appearance to the final result.
 * Rows the new analysis leaves out read as noise (-1): they belong to none of its clusters.
 */
export function earlyClustersOnShown(shown: ShownPoints, rows: Uint32Array, rawCluster: Int32Array): Int32Array {
  const numbers = matchClusterIds(shown, { rowIndex: rows, cluster: rawCluster });
  return placeByRow(shown.rowIndex, rows, mapClusterIds(rawCluster, numbers), new Int32Array(shown.rowIndex.length).fill(-1));
}

/** Anomaly scores and flags of the analysis the session is moving to, on the points on show (rows it leaves out: 0, unflagged). */
export function earlyAnomaliesOnShown(shownRows: Uint32Array, rows: Uint32Array, anomaly: Float32Array, anomalyFlag: Uint8Array): { anomaly: Float32Array; anomalyFlag: Uint8Array } {
  return {
    anomaly: placeByRow(shownRows, rows, anomaly, new Float32Array(shownRows.length)),
    anomalyFlag: placeByRow(shownRows, rows, anomalyFlag, new Uint8Array(shownRows.length)),
  };
}
