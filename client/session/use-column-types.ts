import { useMemo } from 'react';
import type { ColumnType } from '../../shared/table.ts';
import type { SessionModel } from './session-model.ts';

/** Each dataset column's type by name (how a figure of that column is printed: a date, a number). */
export function useColumnTypes(model: SessionModel): ReadonlyMap<string, ColumnType> {
  return useMemo(() => new Map(model.dataset.columns.map((c) => [c.name, c.type])), [model.dataset]);
}
