import type { DriftRows } from '../../../shared/insights/drift.ts';
import type { Column, ColumnData, Table } from '../../../shared/table.ts';

/**
 * Rows added and removed between two tables: by an identifier column both mark as one (the
 * profile's `identifier`, same name on both sides), else by the values of all `shared` columns
 * together. Keys are compared as multisets, so a row duplicated once more counts as one added.
 */
export function rowChanges(reference: Table, current: Table, shared: readonly string[]): DriftRows {
  const key = shared.find((name) => find(reference, name)?.identifier && find(current, name)?.identifier);
  const keyColumns = key !== undefined ? [key] : [...shared];
  const { added, removed } = numericKey(reference, current, keyColumns) ?? keyedDifference(reference, current, keyColumns);
  return {
    added,
    removed,
    matchedBy: key !== undefined ? 'identifier' : 'whole-row',
    ...(key !== undefined ? { key } : {}),
    referenceRows: reference.rowCount,
    currentRows: current.rowCount,
  };
}

function find(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

type Key = string | number | null;
type Difference = { added: number; removed: number };

function keyedDifference(reference: Table, current: Table, names: readonly string[]): Difference {
  const before = keyCounts(reference, names);
  let added = 0;
  for (const k of rowKeys(current, names)) {
    const left = before.get(k) ?? 0;
    if (left > 0) before.set(k, left - 1);
    else added++;
  }
  let removed = 0;
  for (const left of before.values()) removed += left;
  return { added, removed };
}

/** One number or date key (integer ids, the common case): both sides sorted and merged, no hashing. */
function numericKey(reference: Table, current: Table, names: readonly string[]): Difference | null {
  if (names.length !== 1) return null;
  const a = find(reference, names[0])!.data;
  const b = find(current, names[0])!.data;
  if ((a.type !== 'number' && a.type !== 'datetime') || (b.type !== 'number' && b.type !== 'datetime')) return null;
  // Sorting puts NaN (missing) last; missing keys match each other, like any repeated key.
  const x = Float64Array.from(a.values).sort();
  const y = Float64Array.from(b.values).sort();
  let i = 0;
  let j = 0;
  let matched = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j] || (Number.isNaN(x[i]) && Number.isNaN(y[j]))) {
      matched++;
      i++;
      j++;
    } else if (Number.isNaN(y[j]) || x[i] < y[j]) i++;
    else j++;
  }
  return { added: y.length - matched, removed: x.length - matched };
}

/** A cell as a Map key: numbers and dates as their number, categories as their text (not their codes, which differ per table). */
function cellKey(data: ColumnData): (row: number) => Key {
  switch (data.type) {
    case 'number':
    case 'datetime':
      return (row) => data.values[row];
    case 'category':
    case 'boolean':
      return (row) => (data.codes[row] < 0 ? null : data.dictionary[data.codes[row]]);
    case 'text':
      return (row) => data.values[row];
  }
}

/** Row keys: the one column's cell, or all cells joined by a separator no value is expected to hold. */
function* rowKeys(table: Table, names: readonly string[]): Generator<Key> {
  const cells = names.map((n) => cellKey(find(table, n)!.data));
  if (cells.length === 1) {
    for (let row = 0; row < table.rowCount; row++) yield cells[0](row);
    return;
  }
  for (let row = 0; row < table.rowCount; row++) {
    let key = '';
    for (const cell of cells) key += `${String(cell(row))}\u001f`;
    yield key;
  }
}

function keyCounts(table: Table, names: readonly string[]): Map<Key, number> {
  const counts = new Map<Key, number>();
  for (const k of rowKeys(table, names)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
