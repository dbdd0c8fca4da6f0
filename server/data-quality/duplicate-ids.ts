import type { QualityFinding } from '../../shared/insights/quality.ts';
import { cellValue, type Table } from '../../shared/table.ts';
import { count, quoted, rowsFinding } from './finding.ts';
import { looksLikeIdentifier } from './id-like.ts';

/** Identifier-like columns (see id-like.ts) whose values repeat: the rows that reuse an earlier row's id. */
export function findDuplicateIds(table: Table): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const column of table.columns) {
    if (!looksLikeIdentifier(column, table.rowCount)) continue;
    const firstRow = new Map<string | number | boolean, number>();
    const repeats: number[] = [];
    const reused = new Set<string | number | boolean>();
    for (let r = 0; r < table.rowCount; r++) {
      const v = cellValue(column.data, r);
      if (v === null) continue;
      if (firstRow.has(v)) {
        repeats.push(r);
        reused.add(v);
      } else firstRow.set(v, r);
    }
    if (repeats.length === 0) continue;
    const message = `${column.name} looks like an identifier but ${count(reused.size)} of its values are used more than once (${quoted([...reused].map(String))}): ${count(repeats.length)} rows reuse an earlier row's id.`;
    findings.push(rowsFinding(table, 'duplicate-ids', column.name, repeats, message));
  }
  return findings;
}
