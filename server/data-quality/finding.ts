import type { QualityExampleRow, QualityFinding, QualityFindingKind } from '../../shared/insights/quality.ts';
import { rangesFromIndices } from '../../shared/session/ranges.ts';
import { cellValue, type Table } from '../../shared/table.ts';

/** Examples shown per finding or rule. */
export const MAX_EXAMPLES = 5;

/**
 * Rows as examples: their 0-based index and every cell as the user wrote it. `override` puts back
 * what the table cannot hold (the stray word a number column read as missing).
 */
export function exampleRows(table: Table, rows: ArrayLike<number>, override?: { column: string; text: (row: number) => string | undefined }): QualityExampleRow[] {
  const out: QualityExampleRow[] = [];
  for (let i = 0; i < Math.min(rows.length, MAX_EXAMPLES); i++) {
    const row = rows[i];
    // No prototype: a column named "__proto__" is an ordinary key here.
    const values = Object.create(null) as QualityExampleRow['values'];
    for (const column of table.columns) values[column.name] = cellValue(column.data, row);
    const text = override?.text(row);
    if (override && text !== undefined) values[override.column] = text;
    out.push({ rowIndex: row, values });
  }
  return out;
}

/** A finding about `rows` (ascending or not; examples are the first five as given). */
export function rowsFinding(
  table: Table,
  kind: QualityFindingKind,
  column: string | undefined,
  rows: number[],
  message: string,
  override?: Parameters<typeof exampleRows>[2],
): QualityFinding {
  return {
    kind,
    ...(column !== undefined ? { column } : {}),
    count: rows.length,
    examples: exampleRows(table, rows, override),
    message,
    rows: rangesFromIndices(rows),
  };
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** "1 row", "3 rows": the count with its noun (and verb) in the right number. */
export const counted = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;

export function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

/** A number as a person reads it: at most 4 significant digits, thousands separated. */
export function readable(value: number): string {
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

/** A few distinct texts, quoted: `"n/a", "?" …`. */
export function quoted(texts: readonly string[], max = 3): string {
  const distinct = [...new Set(texts)];
  const shown = distinct.slice(0, max).map((t) => JSON.stringify(t.length > 40 ? `${t.slice(0, 39)}…` : t));
  return shown.join(', ') + (distinct.length > max ? ', …' : '');
}
