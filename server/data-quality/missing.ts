import type { QualityFinding } from '../../shared/insights/quality.ts';
import { isMissing, type Table } from '../../shared/table.ts';
import { count, percent, rowsFinding } from './finding.ts';
import type { StrayCells } from './stray-cells.ts';

/**
 * Missing cells per column. Cells a number column read as missing because they held a stray
 * word ("unknown") are not counted here: the unparsed-values finding reports them.
 */
export function findMissing(table: Table, stray: StrayCells): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const column of table.columns) {
    const strayRows = stray.get(column.name)?.rowSet;
    const rows: number[] = [];
    for (let r = 0; r < table.rowCount; r++) if (isMissing(column.data, r) && !strayRows?.has(r)) rows.push(r);
    if (rows.length === 0) continue;
    const message =
      rows.length === table.rowCount
        ? `${column.name}: every value is missing (${count(rows.length)} rows).`
        : `${column.name}: ${count(rows.length)} of ${count(table.rowCount)} values are missing (${percent(rows.length, table.rowCount)}).`;
    findings.push(rowsFinding(table, 'missing', column.name, rows, message));
  }
  return findings;
}
