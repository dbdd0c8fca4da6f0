import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ColumnData } from '../../shared/table.ts';
import type { SessionModel } from './session-model.ts';
import { labelColumnOf } from './use-neighbours.ts';

/**
 * The column that names rows (labelColumnOf), loaded once `wanted` (a panel that shows names is
 * open); undefined while it loads or when the table has none. Neighbours and top anomalies use
 * it, so a row reads the same in both.
 */
export function useLabelColumn(model: SessionModel, wanted: boolean): ColumnData | undefined {
  useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const name = useMemo(() => labelColumnOf(model.dataset.columns), [model]);
  useEffect(() => {
    if (wanted && name) model.columns.ensure([name]);
  }, [model, name, wanted]);
  return name ? model.columns.columns.get(name) : undefined;
}
