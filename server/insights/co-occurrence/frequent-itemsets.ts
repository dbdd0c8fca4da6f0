/**
 * Frequent itemsets of size 1–3 by Apriori, over rows that each hold at most one item per column
 * (`items[row * width + column]`, -1 = none). Counting is one pass per level: a pair is counted
 * only when both its items are frequent, a triple only when its three pairs are (the Apriori
 * property), so the work stays near rows × C(width, level) on the frequent items.
 */
export interface FrequentItemsets {
  /** Itemset (ascending item ids) → rows holding all of it. */
  counts: Map<string, number>;
  rowCount: number;
}

export const MAX_ITEMSET_SIZE = 3;

export function itemsetKey(items: readonly number[]): string {
  return items.join(',');
}

export function frequentItemsets(items: Int32Array, rows: Uint32Array, width: number, minCount: number, maxSize = MAX_ITEMSET_SIZE): FrequentItemsets {
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const rowItems = (row: number, into: number[]) => {
    into.length = 0;
    for (let c = 0; c < width; c++) {
      const item = items[row * width + c];
      if (item >= 0) into.push(item);
    }
    return into.sort((a, b) => a - b);
  };
  const held: number[] = [];
  for (const row of rows) for (const item of rowItems(row, held)) bump(String(item));
  prune(counts, minCount);
  if (maxSize < 2) return { counts, rowCount: rows.length };

  const frequent: number[] = [];
  for (const row of rows) {
    frequent.length = 0;
    for (const item of rowItems(row, held)) if (counts.has(String(item))) frequent.push(item);
    for (let a = 0; a < frequent.length; a++) for (let b = a + 1; b < frequent.length; b++) bump(`${frequent[a]},${frequent[b]}`);
  }
  pruneLevel(counts, minCount, 2);
  if (maxSize < 3) return { counts, rowCount: rows.length };

  for (const row of rows) {
    frequent.length = 0;
    for (const item of rowItems(row, held)) if (counts.has(String(item))) frequent.push(item);
    for (let a = 0; a < frequent.length; a++) {
      for (let b = a + 1; b < frequent.length; b++) {
        if (!counts.has(`${frequent[a]},${frequent[b]}`)) continue;
        for (let c = b + 1; c < frequent.length; c++) {
          if (counts.has(`${frequent[a]},${frequent[c]}`) && counts.has(`${frequent[b]},${frequent[c]}`)) bump(`${frequent[a]},${frequent[b]},${frequent[c]}`);
        }
      }
    }
  }
  pruneLevel(counts, minCount, 3);
  return { counts, rowCount: rows.length };
}

function prune(counts: Map<string, number>, minCount: number): void {
  for (const [key, n] of counts) if (n < minCount) counts.delete(key);
}

function pruneLevel(counts: Map<string, number>, minCount: number, size: number): void {
  for (const [key, n] of counts) if (n < minCount && key.split(',').length === size) counts.delete(key);
}
