import { useMemo } from 'react';
import { readView } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterLabelList, clusterNamesShown } from './cluster-label-list.ts';
import type { ClusterLabel } from '../scene/types.ts';
import { useUi } from '../state/ui-store.ts';
import type { SessionCloud, SessionModel } from './session-model.ts';

/**
 * Cluster names to float in the scene (none unless coloured by cluster and wanted), at the
 * points' target positions so they follow re-binds and position changes.
 */
export function useClusterLabels(model: SessionModel, cloud: SessionCloud): ClusterLabel[] {
  const view = useDocValue(model.conn.doc, ['view'], readView);
  const preference = useUi((s) => s.clusterNames);
  const shown = clusterNamesShown(view.color.by, cloud.legend, preference);
  const { positions } = cloud.data;
  const { passes } = cloud.filter;
  const { legend } = cloud;
  // The clusters the cloud is coloured by: the pending analysis's once they are shown ahead.
  const { cluster } = cloud.ctx;
  return useMemo(
    () => (shown ? clusterLabelList(positions, cluster, passes, legend) : []),
    [shown, positions, passes, legend, cluster],
  );
}
