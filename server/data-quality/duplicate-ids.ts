import type { QualityFinding } from '../../shared/insights/quality.ts';
import { cellValue, type Column, type Table } from '../../shared/table.ts';
import { counted, quoted, rowsFinding } from './finding.ts';

/** Identifier-like columns (`ids`, see id-like.ts) whose values repeat: the rows that reuse an earlier row's id. */
export function findDuplicateIds(table: Table, ids: ReadonlySet<Column>): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const column of ids) {
    const data = column.data;
    // The raw cell (number, dictionary code or text) is the key: no per-cell conversion.
    const keyAt = (r: number): number | string | null =>
      data.type === 'number' || data.type === 'datetime'
        ? Number.isNaN(data.values[r]) ? null : data.values[r]
        : data.type === 'text'
          ? data.values[r]
          : data.codes[r] < 0 ? null : data.codes[r];
    const seen = new Set<number | string>();
    const repeats: number[] = [];
    const reused = new Set<number | string>();
    for (let r = 0; r < table.rowCount; r++) {
      const key = keyAt(r);
      if (key === null) continue;
      if (seen.has(key)) {
        repeats.push(r);
        reused.add(key);
      } else seen.add(key);
    }
    if (repeats.length === 0) continue;
    const shown = [...new Set(repeats.map((r) => String(cellValue(data, r))))];
    const message = `${column.name} looks like an identifier but ${counted(reused.size, 'of its values is', 'of its values are')} used more than once (${quoted(shown)}): ${counted(repeats.length, 'row reuses', 'rows reuse')} an earlier row's id.`;
    findings.push(rowsFinding(table, 'duplicate-ids', column.name, repeats, message));
  }
  return findings;
}
