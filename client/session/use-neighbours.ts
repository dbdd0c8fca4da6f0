import { useEffect, useState } from 'react';
import { getNeighbours, type FeatureNeighbours } from '../api/analyses.ts';
import { useSession } from './session-model.ts';
import type { FeatureEncoding } from '../../shared/analysis-result.ts';
import { cellValue, isMissing, type ColumnData, type ColumnType } from '../../shared/table.ts';
import { formatDate, formatNumber } from '../../shared/encodings/legend.ts';
import { formatCell } from '../encodings/format-cell.ts';

export const NEIGHBOUR_COUNT = 10;

/**
 * What a neighbour answer belongs to. Point indices mean nothing across analyses (a re-bind
 * keeps the page mounted), so the analysis is part of the key for the cache and the state alike.
 */
export function neighbourKey(analysisId: string, point: number): string {
  return `${analysisId}:${point}`;
}

export interface NeighbourState {
  key: string | null;
  data: FeatureNeighbours | null;
  error: string | null;
}

export interface NeighbourView {
  data: FeatureNeighbours | null;
  error: string | null;
  loading: boolean;
}

/** What to show for `point` of `analysisId` given the last answer held: an answer for anything else is loading. */
export function neighbourView(state: NeighbourState, analysisId: string, point: number | null): NeighbourView {
  if (point === null) return { data: null, error: null, loading: false };
  if (state.key !== neighbourKey(analysisId, point)) return { data: null, error: null, loading: true };
  return { data: state.data, error: state.error, loading: false };
}

// The scene (links) and the panel (list) ask for the same point: one request serves both.
const cache = new Map<string, Promise<FeatureNeighbours>>();
function cachedNeighbours(analysisId: string, point: number): Promise<FeatureNeighbours> {
  const key = neighbourKey(analysisId, point);
  let hit = cache.get(key);
  if (!hit) {
    hit = getNeighbours(analysisId, point, NEIGHBOUR_COUNT);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
  }
  return hit;
}

/** Nearest neighbours in feature space of the focused point (null = none focused). */
export function useNeighbours(point: number | null): NeighbourView {
  const model = useSession();
  const analysisId = model.analysis.id;
  const [state, setState] = useState<NeighbourState>({ key: null, data: null, error: null });
  useEffect(() => {
    if (point === null) return;
    const abort = new AbortController();
    const key = neighbourKey(analysisId, point);
    cachedNeighbours(analysisId, point)
      .then((data) => {
        if (!abort.signal.aborted) setState({ key, data, error: null });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ key, data: null, error: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [analysisId, point]);
  return neighbourView(state, analysisId, point);
}

/** What picking a label column needs to know about a dataset column. */
export interface LabelCandidate {
  name: string;
  type: ColumnType;
  identifier: boolean;
}

/**
 * The column that names a row in the neighbour list: an identifier (unique per row) when there is
 * one, else the first text, category or date column in dataset order; null when there is none.
 */
export function labelColumnOf(columns: readonly LabelCandidate[]): string | null {
  const id = columns.find((c) => c.identifier);
  if (id) return id.name;
  return columns.find((c) => c.type === 'text' || c.type === 'category' || c.type === 'datetime')?.name ?? null;
}

/** One cell as short display text (numbers and dates formatted like the legend), or null when missing. */
export function cellText(column: ColumnData, row: number): string | null {
  if (isMissing(column, row)) return null;
  if (column.type === 'number') return formatNumber(column.values[row]);
  if (column.type === 'datetime') return formatDate(column.values[row]);
  return formatCell(cellValue(column, row));
}

/** How far apart two rows are on one feature, in that feature's own scale. */
export interface FeatureDifference {
  column: string;
  /** The neighbour's value as text. */
  value: string;
  /** Signed neighbour − focused for numbers and dates (scaled units), null for a different category. */
  delta: string | null;
  /** Size of the difference: |Δ| / scale for numbers, 1 for a different category. */
  weight: number;
}

/**
 * The features on which `row` differs most from `focused`, largest first. Numbers are compared in
 * the scale the analysis used (z-score std or min-max range), so the ranking follows the distance
 * the neighbours were found by; a differing category counts as one unit. Unloaded columns are skipped.
 */
export function largestDifferences(
  features: readonly Pick<FeatureEncoding, 'column' | 'scale'>[],
  columns: ReadonlyMap<string, ColumnData>,
  focused: number,
  row: number,
  count = 2,
): FeatureDifference[] {
  const out: FeatureDifference[] = [];
  for (const f of features) {
    const column = columns.get(f.column);
    if (!column || isMissing(column, focused) || isMissing(column, row)) continue;
    if (column.type === 'number' || column.type === 'datetime') {
      const d = column.values[row] - column.values[focused];
      const scale = f.scale && f.scale > 0 ? f.scale : 1;
      if (d === 0) continue;
      const delta = column.type === 'datetime' ? `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d) / 86_400_000)} d` : `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d))}`;
      out.push({ column: f.column, value: cellText(column, row)!, delta, weight: Math.abs(d) / scale });
    } else if (column.type !== 'text' && column.codes[row] !== column.codes[focused]) {
      out.push({ column: f.column, value: cellText(column, row)!, delta: null, weight: 1 });
    }
  }
  return out.sort((a, b) => b.weight - a.weight).slice(0, count);
}

/** "Flipper Length (mm) 210 (+29)" or "Island Dream". */
export function differenceText(d: FeatureDifference): string {
  return d.delta === null ? `${d.column} ${d.value}` : `${d.column} ${d.value} (${d.delta})`;
}
