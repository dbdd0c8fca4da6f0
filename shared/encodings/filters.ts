import type { Filter } from '../session/index.ts';
import type { ColumnData } from '../table.ts';
import type { PointContext } from './point-context.ts';

/**
 * Which points pass every enabled filter. A filter on a column that is not loaded yet is
 * reported as pending and ignored until it is (the caller asks for the column); a filter on a
 * column the dataset does not have lets everything through rather than hiding the cloud.
 */
export interface FilterResult {
  /** 1 = passes every enabled filter. */
  passes: Uint8Array;
  passCount: number;
  pending: string[];
}

export function columnsOfFilters(filters: readonly Filter[]): string[] {
  const names = new Set<string>();
  for (const f of filters) if (f.enabled && (f.kind === 'range' || f.kind === 'set')) names.add(f.column);
  return [...names];
}

export function evaluateFilters(filters: readonly Filter[], ctx: PointContext, knownColumns?: ReadonlySet<string>): FilterResult {
  const n = ctx.count;
  const passes = new Uint8Array(n).fill(1);
  const pending: string[] = [];
  for (const filter of filters) {
    if (!filter.enabled) continue;
    const keep = predicate(filter, ctx, knownColumns);
    if (keep === 'pending') {
      pending.push((filter as { column: string }).column);
      continue;
    }
    if (keep === null) continue;
    for (let i = 0; i < n; i++) if (passes[i] && !keep(i)) passes[i] = 0;
  }
  let passCount = 0;
  for (let i = 0; i < n; i++) passCount += passes[i];
  return { passes, passCount, pending };
}

type Predicate = (point: number) => boolean;

function within(min: number | null, max: number | null): (v: number) => boolean {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  // NaN (missing) fails every comparison, so missing values never pass a range.
  return (v) => v >= lo && v <= hi;
}

function predicate(filter: Filter, ctx: PointContext, knownColumns?: ReadonlySet<string>): Predicate | 'pending' | null {
  switch (filter.kind) {
    case 'cluster': {
      const set = new Set(filter.values);
      return (i) => set.has(ctx.cluster[i]);
    }
    case 'anomaly': {
      const test = within(filter.min, filter.max);
      return (i) => test(ctx.anomaly[i]);
    }
    case 'range':
    case 'set': {
      const column = ctx.columns.get(filter.column);
      if (!column) return knownColumns && !knownColumns.has(filter.column) ? null : 'pending';
      return filter.kind === 'range' ? rangePredicate(column, filter.min, filter.max, ctx) : setPredicate(column, filter.values, ctx);
    }
  }
}

function rangePredicate(column: ColumnData, min: number | null, max: number | null, ctx: PointContext): Predicate | null {
  if (column.type !== 'number' && column.type !== 'datetime') return null;
  const test = within(min, max);
  const values = column.values;
  return (i) => test(values[ctx.rowIndex[i]]);
}

/** Set values are matched as the user sees them: strings by label, numbers and booleans by value. */
function setPredicate(column: ColumnData, values: ReadonlyArray<string | number | boolean | null>, ctx: PointContext): Predicate | null {
  const wantsMissing = values.includes(null);
  if (column.type === 'category' || column.type === 'boolean') {
    const allowed = new Uint8Array(column.dictionary.length);
    const wanted = new Set(values.filter((v) => v !== null).map(String));
    column.dictionary.forEach((label, code) => (allowed[code] = wanted.has(label) ? 1 : 0));
    const codes = column.codes;
    return (i) => {
      const c = codes[ctx.rowIndex[i]];
      return c < 0 ? wantsMissing : allowed[c] === 1;
    };
  }
  if (column.type === 'number' || column.type === 'datetime') {
    const wanted = new Set(values.filter((v): v is number => typeof v === 'number'));
    const data = column.values;
    return (i) => {
      const v = data[ctx.rowIndex[i]];
      return Number.isNaN(v) ? wantsMissing : wanted.has(v);
    };
  }
  if (column.type !== 'text') return null;
  const wanted = new Set(values.filter((v) => v !== null).map(String));
  const data = column.values;
  return (i) => {
    const v = data[ctx.rowIndex[i]];
    return v === null ? wantsMissing : wanted.has(v);
  };
}
