import { ClusterInputError } from '../cluster/errors.ts';

/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labellings of the same rows: 1 for
 * identical partitions (whatever the label numbers), about 0 for independent ones, negative
 * for worse than chance. Labels are arbitrary integers; -1 (noise) counts as one more label,
 * as in scikit-learn's adjusted_rand_score, whose special cases it also follows (both
 * labellings a single cluster, or both all singletons, → 1).
 */
export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
  const n = a.length;
  if (b.length !== n) throw new ClusterInputError(`adjustedRandIndex: labellings of ${n} and ${b.length} rows.`);
  if (n === 0) return 1;
  const ca = compress(a);
  const cb = compress(b);
  if ((ca.count === 1 && cb.count === 1) || (ca.count === n && cb.count === n)) return 1;
  const table = new Map<number, number>();
  const rowSums = new Float64Array(ca.count);
  const colSums = new Float64Array(cb.count);
  for (let i = 0; i < n; i++) {
    const key = ca.ids[i] * cb.count + cb.ids[i];
    table.set(key, (table.get(key) ?? 0) + 1);
    rowSums[ca.ids[i]]++;
    colSums[cb.ids[i]]++;
  }
  let index = 0;
  for (const c of table.values()) index += pairs(c);
  let sumA = 0;
  let sumB = 0;
  for (const c of rowSums) sumA += pairs(c);
  for (const c of colSums) sumB += pairs(c);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

function pairs(c: number): number {
  return (c * (c - 1)) / 2;
}

/** Maps arbitrary labels to 0..count-1. */
function compress(labels: Int32Array): { ids: Int32Array; count: number } {
  const seen = new Map<number, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let id = seen.get(labels[i]);
    if (id === undefined) {
      id = seen.size;
      seen.set(labels[i], id);
    }
    ids[i] = id;
  }
  return { ids, count: seen.size };
}
