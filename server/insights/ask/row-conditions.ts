import type { ProposedFilter } from '../../../shared/insights/ask.ts';
import { isMissing, type ColumnData, type Table } from '../../../shared/table.ts';
import { LIMITS } from '../../../shared/session/limits.ts';
import type { Condition } from './parsed-question.ts';

/**
 * Conditions as the session's filters (range bounds inclusive, as the filter panel applies them;
 * a set holding null keeps missing values) and the dataset rows they keep, counted exactly.
 * "More than 5000" has no inclusive bound of its own: the filter's minimum is the smallest value
 * the column holds above 5000 (the same rows, and a bound people can read), or the next
 * representable number when none is above.
 */
export function proposedFilters(conditions: readonly Condition[], table: Table): ProposedFilter[] {
  return conditions.map((c): ProposedFilter => {
    if (c.kind === 'missing') return { column: c.column, kind: 'set', values: [null] };
    if (c.kind === 'set' || c.kind === 'text') return { column: c.column, kind: 'set', values: [...c.values] };
    const data = columnData(table, c.column);
    const filter: ProposedFilter = { column: c.column, kind: 'range' };
    if (c.min !== undefined) filter.min = c.minExclusive ? nextPresent(data, c.min, 1) : c.min;
    if (c.max !== undefined) filter.max = c.maxExclusive ? nextPresent(data, c.max, -1) : c.max;
    return filter;
  });
}

/**
 * Whether the filters fit an answer shared to the room (the session document's bounds: filters
 * per answer, values per set, characters per value); rows are then counted but not proposed.
 */
export function shareable(filters: readonly ProposedFilter[]): boolean {
  return (
    filters.length <= LIMITS.answerFilters &&
    filters.every((f) => f.kind === 'range' || (f.values.length <= LIMITS.answerSetValues && f.values.every((v) => typeof v !== 'string' || v.length <= LIMITS.columnLength)))
  );
}

/** 1 for each dataset row every filter keeps. */
export function rowsKept(filters: readonly ProposedFilter[], table: Table): Uint8Array {
  const keep = new Uint8Array(table.rowCount).fill(1);
  for (const f of filters) {
    const data = columnData(table, f.column);
    if (f.kind === 'range') {
      if (data.type !== 'number' && data.type !== 'datetime') continue;
      const lo = f.min ?? -Infinity;
      const hi = f.max ?? Infinity;
      for (let r = 0; r < keep.length; r++) if (keep[r] && !(data.values[r] >= lo && data.values[r] <= hi)) keep[r] = 0;
      continue;
    }
    const wantsMissing = f.values.includes(null);
    const wanted = new Set(f.values.filter((v) => v !== null).map(String));
    for (let r = 0; r < keep.length; r++) {
      if (!keep[r]) continue;
      if (isMissing(data, r)) keep[r] = wantsMissing ? 1 : 0;
      else keep[r] = wanted.has(labelOf(data, r)) ? 1 : 0;
    }
  }
  return keep;
}

export function countOf(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

export function columnData(table: Table, name: string): ColumnData {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`no column ${name}`);
  return column.data;
}

function labelOf(data: ColumnData, row: number): string {
  switch (data.type) {
    case 'category':
    case 'boolean':
      return data.dictionary[data.codes[row]];
    case 'text':
      return data.values[row] ?? '';
    default:
      return String(data.values[row]);
  }
}

/** The column's nearest value strictly above (+1) or below (−1) `bound`. */
function nextPresent(data: ColumnData, bound: number, direction: 1 | -1): number {
  if (data.type !== 'number' && data.type !== 'datetime') return bound;
  let best = direction > 0 ? Infinity : -Infinity;
  for (const v of data.values) {
    if (direction > 0 ? v > bound && v < best : v < bound && v > best) best = v;
  }
  return Number.isFinite(best) ? best : nextFloat(bound, direction);
}

function nextFloat(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, bits + ((x > 0) === (direction > 0) ? 1n : -1n));
  return view.getFloat64(0);
}
