import { LIMITS } from './limits.ts';
import type { RowRanges } from './types.ts';

/**
 * Row sets as flat half-open ranges [s0, e0, s1, e1, …], sorted, disjoint and non-adjacent
 * (canonical: one set has exactly one encoding). A selection of one cluster of 1M rows is a
 * few hundred numbers instead of a million.
 */

/** Ranges of the given row indices (any order, duplicates allowed). */
export function rangesFromIndices(indices: ArrayLike<number>): RowRanges {
  const sorted = Float64Array.from(indices as ArrayLike<number>).sort();
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`row index must be a non-negative integer, got ${v}`);
    const last = out.length - 1;
    if (last > 0 && v <= out[last]) {
      if (v === out[last]) out[last] = v + 1;
      continue;
    }
    out.push(v, v + 1);
  }
  return out;
}

export function indicesFromRanges(ranges: RowRanges): Uint32Array {
  const out = new Uint32Array(rangesCount(ranges));
  let k = 0;
  for (let i = 0; i < ranges.length; i += 2) for (let v = ranges[i]; v < ranges[i + 1]; v++) out[k++] = v;
  return out;
}

export function rangesCount(ranges: RowRanges): number {
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) n += ranges[i + 1] - ranges[i];
  return n;
}

/** Whether `index` is in the set: binary search, O(log ranges). */
export function rangesContain(ranges: RowRanges, index: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index < ranges[2 * mid]) hi = mid - 1;
    else if (index >= ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Union of two canonical range sets, canonical. */
export function rangesUnion(a: RowRanges, b: RowRanges): RowRanges {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let s: number;
    let e: number;
    if (j >= b.length || (i < a.length && a[i] <= b[j])) {
      s = a[i];
      e = a[i + 1];
      i += 2;
    } else {
      s = b[j];
      e = b[j + 1];
      j += 2;
    }
    const last = out.length - 1;
    if (last > 0 && s <= out[last]) out[last] = Math.max(out[last], e);
    else out.push(s, e);
  }
  return out;
}

/** Rows of `a` that are not in `b`, canonical. */
export function rangesSubtract(a: RowRanges, b: RowRanges): RowRanges {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i];
    const e = a[i + 1];
    while (j < b.length && b[j + 1] <= s) j += 2;
    let k = j;
    while (s < e && k < b.length && b[k] < e) {
      if (b[k] > s) out.push(s, b[k]);
      s = Math.max(s, b[k + 1]);
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}

/** True when `value` already is a canonical range array within the size bound. */
export function isCanonicalRanges(value: unknown): value is RowRanges {
  if (!Array.isArray(value) || value.length % 2 !== 0 || value.length > LIMITS.rangeNumbers) return false;
  let prevEnd = -1;
  for (let i = 0; i < value.length; i += 2) {
    const s: unknown = value[i];
    const e: unknown = value[i + 1];
    if (typeof s !== 'number' || typeof e !== 'number' || !Number.isSafeInteger(s) || !Number.isSafeInteger(e)) return false;
    if (s < 0 || e <= s || s <= prevEnd) return false;
    prevEnd = e;
  }
  return true;
}

/**
 * Reads untrusted ranges: canonical input is returned as is, pairs of valid integers in any
 * order or overlapping are normalised, anything else reads as the empty set.
 */
export function normalizeRanges(value: unknown): RowRanges {
  if (isCanonicalRanges(value)) return value;
  if (!Array.isArray(value) || value.length % 2 !== 0 || value.length > LIMITS.rangeNumbers) return [];
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < value.length; i += 2) {
    const s: unknown = value[i];
    const e: unknown = value[i + 1];
    if (typeof s !== 'number' || typeof e !== 'number' || !Number.isSafeInteger(s) || !Number.isSafeInteger(e)) return [];
    if (s < 0 || e < s) return [];
    if (e > s) pairs.push([s, e]);
  }
  pairs.sort((p, q) => p[0] - q[0]);
  const out: number[] = [];
  for (const [s, e] of pairs) {
    const last = out.length - 1;
    if (last > 0 && s <= out[last]) out[last] = Math.max(out[last], e);
    else out.push(s, e);
  }
  return out;
}
