/**
 * Frequent itemsets of size 1–3 by Apriori, over rows that each hold at most one item per column
 * (`items[row * width + column]`, -1 = none). Counting is one pass per level: a pair is counted
 * only when both its items are frequent, a triple only when its three pairs are (the Apriori
 * property), so the work stays near rows × C(width, level) on the frequent items. Itemsets are
 * counted under numeric keys of dense ids of the frequent items (at most width / minSupport of
 * them), which keeps the hot loops free of string building.
 */
export interface FrequentItemsets {
  /** Itemset (ascending item ids, `itemsetKey`) → rows holding all of it. */
  counts: Map<string, number>;
  rowCount: number;
}

export const MAX_ITEMSET_SIZE = 3;
/** Frequent-item pairs counted in a flat array up to this many cells (16 MB). */
const MAX_FLAT_PAIRS = 4_000_000;

export function itemsetKey(items: readonly number[]): string {
  return items.join(',');
}

export function frequentItemsets(items: Int32Array, rows: Uint32Array, width: number, minCount: number, maxSize = MAX_ITEMSET_SIZE): FrequentItemsets {
  let itemCount = 0;
  for (let i = 0; i < items.length; i++) if (items[i] >= itemCount) itemCount = items[i] + 1;
  const single = new Float64Array(itemCount);
  for (const row of rows) {
    for (let c = 0; c < width; c++) {
      const item = items[row * width + c];
      if (item >= 0) single[item]++;
    }
  }
  // Dense ids in item order, so a row's frequent ids come out ascending when its items do.
  const dense = new Int32Array(itemCount).fill(-1);
  const itemOf: number[] = [];
  const counts = new Map<string, number>();
  for (let item = 0; item < itemCount; item++) {
    if (single[item] < minCount) continue;
    dense[item] = itemOf.length;
    itemOf.push(item);
    counts.set(String(item), single[item]);
  }
  if (maxSize < 2 || itemOf.length < 2) return { counts, rowCount: rows.length };

  const f = itemOf.length;
  const held = new Int32Array(width);
  /** The row's frequent items as dense ids; returns how many. Ascending when item ids ascend with the column (ruleItems numbers them so), else sorted. */
  const frequentOf = (row: number): number => {
    let n = 0;
    let ascending = true;
    for (let c = 0; c < width; c++) {
      const item = items[row * width + c];
      if (item < 0 || dense[item] < 0) continue;
      if (n > 0 && dense[item] < held[n - 1]) ascending = false;
      held[n++] = dense[item];
    }
    if (!ascending) held.subarray(0, n).sort();
    return n;
  };
  // Pair counts in a flat f × f array while it stays small (the common case), else in a map.
  const flat = f * f <= MAX_FLAT_PAIRS ? new Uint32Array(f * f) : null;
  const counted = new Map<number, number>();
  for (const row of rows) {
    const n = frequentOf(row);
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) {
      const key = held[a] * f + held[b];
      if (flat) flat[key]++;
      else counted.set(key, (counted.get(key) ?? 0) + 1);
    }
  }
  if (flat) for (let key = 0; key < flat.length; key++) if (flat[key] > 0) counted.set(key, flat[key]);
  const pairs = new Set<number>();
  for (const [key, n] of counted) {
    if (n < minCount) continue;
    pairs.add(key);
    counts.set(itemsetKey([itemOf[Math.floor(key / f)], itemOf[key % f]]), n);
  }
  if (maxSize < 3) return { counts, rowCount: rows.length };

  const triples = new Map<number, number>();
  for (const row of rows) {
    const n = frequentOf(row);
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (!pairs.has(held[a] * f + held[b])) continue;
        for (let c = b + 1; c < n; c++) {
          if (!pairs.has(held[a] * f + held[c]) || !pairs.has(held[b] * f + held[c])) continue;
          const key = (held[a] * f + held[b]) * f + held[c];
          triples.set(key, (triples.get(key) ?? 0) + 1);
        }
      }
    }
  }
  for (const [key, n] of triples) {
    if (n < minCount) continue;
    const c = key % f;
    const ab = (key - c) / f;
    counts.set(itemsetKey([itemOf[Math.floor(ab / f)], itemOf[ab % f], itemOf[c]]), n);
  }
  return { counts, rowCount: rows.length };
}
