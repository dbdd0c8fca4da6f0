import type { DriftRows } from '../../../shared/insights/drift.ts';
import { cellValue, type Column, type Table } from '../../../shared/table.ts';

/**
 * Rows added and removed between two tables: by an identifier column both mark as one (the
 * profile's `identifier`, same name on both sides), else by the values of all `shared` columns
 * together. Keys are compared as multisets, so a row duplicated once more counts as one added.
 */
export function rowChanges(reference: Table, current: Table, shared: readonly string[]): DriftRows {
  const key = shared.find((name) => find(reference, name)?.identifier && find(current, name)?.identifier);
  const keyColumns = key !== undefined ? [key] : [...shared];
  const before = keyCounts(reference, keyColumns);
  let added = 0;
  for (const k of rowKeys(current, keyColumns)) {
    const left = before.get(k) ?? 0;
    if (left > 0) before.set(k, left - 1);
    else added++;
  }
  let removed = 0;
  for (const left of before.values()) removed += left;
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

function* rowKeys(table: Table, names: readonly string[]): Generator<string> {
  const columns = names.map((n) => find(table, n)!.data);
  for (let row = 0; row < table.rowCount; row++) {
    yield columns.length === 1 ? String(cellValue(columns[0], row)) : JSON.stringify(columns.map((data) => cellValue(data, row)));
  }
}

function keyCounts(table: Table, names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of rowKeys(table, names)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
