import type { DriftColumn, DriftReport } from '../../../shared/insights/drift.ts';
import type { ColumnType, Table } from '../../../shared/table.ts';
import { columnDrift } from './column-drift.ts';
import { rowChanges } from './row-changes.ts';

/** Two tables share no column that drift can be measured on. */
export class DriftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriftError';
  }
}

export interface NamedTable {
  datasetId: string;
  name: string;
  table: Table;
}

/**
 * Per-column drift of every column the two tables share (by name and comparable type), most
 * drifted first, and the rows added and removed. Identifier columns are keys, not distributions:
 * they are used to match rows and not measured; free text is skipped.
 */
export function driftReport(reference: NamedTable, current: NamedTable): DriftReport {
  const skipped: DriftReport['skipped'] = [];
  const measured: DriftColumn[] = [];
  const shared: string[] = [];
  for (const a of reference.table.columns) {
    const b = current.table.columns.find((c) => c.name === a.name);
    if (!b) continue;
    const kind = comparable(a.data.type, b.data.type);
    if (kind === null) {
      skipped.push({ column: a.name, reason: `It is ${a.data.type} in one and ${b.data.type} in the other.` });
      continue;
    }
    shared.push(a.name);
    if (a.data.type === 'text') skipped.push({ column: a.name, reason: 'Free text has no distribution to compare.' });
    else if (a.identifier && b.identifier) skipped.push({ column: a.name, reason: 'An identifier: used to match rows, not compared.' });
    else measured.push(columnDrift(a.name, a.data, b.data));
  }
  if (shared.length === 0) {
    throw new DriftError(`"${reference.name}" and "${current.name}" share no column (same name and kind of values), so there is nothing to compare.`);
  }
  return {
    reference: { datasetId: reference.datasetId, name: reference.name, rows: reference.table.rowCount },
    current: { datasetId: current.datasetId, name: current.name, rows: current.table.rowCount },
    columns: measured.sort(mostDriftedFirst),
    rows: rowChanges(reference.table, current.table, shared),
    skipped,
  };
}

/** Drifted columns first; within each group by PSI, the one measure every kind has. */
function mostDriftedFirst(a: DriftColumn, b: DriftColumn): number {
  return Number(b.drifted) - Number(a.drifted) || b.psi - a.psi || a.column.localeCompare(b.column);
}

function comparable(a: ColumnType, b: ColumnType): string | null {
  const family = (t: ColumnType) => (t === 'boolean' ? 'category' : t);
  return family(a) === family(b) ? family(a) : null;
}
