import type { Column, Table } from '../../shared/table.ts';
import type { CategoricalProfile, ColumnProfile, Histogram, NumericProfile, Quantiles, TableProfile, TextProfile, ValueCount } from './profile-types.ts';

/**
 * Per-column summaries for the dataset page and the API: one sort per numeric column (it gives
 * quantiles, distinct count and extremes at once), one counting pass for the others.
 */
const TOP = 20;
const BINS = 20;

export function profileTable(table: Table): TableProfile {
  return { rowCount: table.rowCount, columns: table.columns.map(profileColumn) };
}

export function profileColumn(column: Column): ColumnProfile {
  const data = column.data;
  const base = { name: column.name, identifier: column.identifier };
  switch (data.type) {
    case 'number':
    case 'datetime':
      return numericProfile(base, data.type, data.values);
    case 'category':
    case 'boolean':
      return categoricalProfile(base, data.type, data.codes, data.dictionary);
    case 'text':
      return textProfile(base, data.values);
  }
}

/** Quantile q of ascending `sorted` (R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Equal-width bins over [min, max]. Integers spanning at most BINS values get one bin per
 * integer (edges at ±0.5), so a column like "cylinders" shows bars, not gaps.
 */
export function histogram(sorted: Float64Array, integers: boolean): Histogram {
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return { edges: [min, max], counts: [sorted.length] };
  const perInteger = integers && max - min + 1 <= BINS;
  const bins = perInteger ? max - min + 1 : BINS;
  const lo = perInteger ? min - 0.5 : min;
  const width = perInteger ? 1 : (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins && !perInteger ? max : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) {
    let bin = Math.min(bins - 1, Math.floor((v - lo) / width));
    // The division can land one bin off near an edge; the published edges are the truth.
    if (bin > 0 && v < edges[bin]) bin--;
    else if (bin < bins - 1 && v >= edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return { edges, counts };
}

function numericProfile(base: { name: string; identifier: boolean }, type: 'number' | 'datetime', values: Float64Array): NumericProfile {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const n = present.length;
  const missing = values.length - n;
  if (n === 0) {
    return { ...base, type, count: values.length, missing, distinct: 0, min: null, max: null, mean: null, std: null, quantiles: null, histogram: null };
  }
  let sum = 0;
  let distinct = 0;
  let integers = true;
  for (let i = 0; i < n; i++) {
    sum += present[i];
    if (i === 0 || present[i] !== present[i - 1]) distinct++;
    if (integers && !Number.isInteger(present[i])) integers = false;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (present[i] - mean) ** 2;
  const quantiles: Quantiles = {
    p05: quantileSorted(present, 0.05),
    p25: quantileSorted(present, 0.25),
    p50: quantileSorted(present, 0.5),
    p75: quantileSorted(present, 0.75),
    p95: quantileSorted(present, 0.95),
  };
  return {
    ...base,
    type,
    count: values.length,
    missing,
    distinct,
    min: present[0],
    max: present[n - 1],
    mean,
    std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
    quantiles,
    histogram: histogram(present, integers),
  };
}

function topValues(counts: ArrayLike<number>, label: (i: number) => string): ValueCount[] {
  const order = Array.from({ length: counts.length }, (_, i) => i).filter((i) => counts[i] > 0);
  order.sort((a, b) => counts[b] - counts[a] || a - b);
  return order.slice(0, TOP).map((i) => ({ value: label(i), count: counts[i] }));
}

function categoricalProfile(
  base: { name: string; identifier: boolean },
  type: 'category' | 'boolean',
  codes: Int32Array,
  dictionary: string[],
): CategoricalProfile {
  const counts = new Float64Array(dictionary.length);
  let missing = 0;
  for (const c of codes) {
    if (c < 0) missing++;
    else counts[c]++;
  }
  const distinct = counts.reduce((k, c) => (c > 0 ? k + 1 : k), 0);
  return { ...base, type, count: codes.length, missing, distinct, top: topValues(counts, (i) => dictionary[i]) };
}

function textProfile(base: { name: string; identifier: boolean }, values: (string | null)[]): TextProfile {
  const counts = new Map<string, number>();
  let missing = 0;
  let length = 0;
  for (const v of values) {
    if (v === null) {
      missing++;
      continue;
    }
    length += v.length;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const present = values.length - missing;
  return {
    ...base,
    type: 'text',
    count: values.length,
    missing,
    distinct: counts.size,
    averageLength: present === 0 ? null : length / present,
    top: topValues(keys.map((k) => counts.get(k) as number), (i) => keys[i]),
  };
}
