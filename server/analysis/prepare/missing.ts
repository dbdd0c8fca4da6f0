import type { Column } from '../../../shared/table.ts';
import { isMissing } from '../../../shared/table.ts';
import { lengthOf } from './coerce-column.ts';

export interface MissingOutcome {
  /** Dataset rows kept, ascending: the mapping from each output point to its original row. */
  rowIndex: Uint32Array;
  droppedRows: number;
  imputedCells: number;
  /** Per feature column with missing cells: the dropped rows it accounts for (a row may count for several columns), or the cells filled. */
  byColumn: { column: string; droppedRows: number; imputedCells: number }[];
  /** Feature columns with missing cells filled (impute) or unchanged (drop). */
  columns: Column[];
}

export class NoRowsLeftError extends Error {
  readonly code = 'no_rows_left';
  constructor(message: string) {
    super(message);
    this.name = 'NoRowsLeftError';
  }
}

/**
 * Drop (default) removes every row with a missing feature; impute fills numbers and dates with
 * the column median and categories with the most frequent value. Either way the caller learns
 * how much was changed, so the UI can say it.
 */
export function handleMissing(columns: Column[], rowCount: number, mode: 'drop' | 'impute'): MissingOutcome {
  if (mode === 'drop') {
    const keep: number[] = [];
    for (let i = 0; i < rowCount; i++) {
      if (!columns.some((c) => isMissing(c.data, i))) keep.push(i);
    }
    if (keep.length === 0) {
      const worst = columns.map((c) => ({ name: c.name, missing: countMissing(c, rowCount) })).sort((a, b) => b.missing - a.missing)[0];
      throw new NoRowsLeftError(
        `Every row has a missing value in some feature (e.g. "${worst.name}" is missing in ${worst.missing} of ${rowCount} rows). Choose missing: "impute" or leave that column out.`,
      );
    }
    const byColumn = columns
      .map((c) => ({ column: c.name, droppedRows: countMissing(c, rowCount), imputedCells: 0 }))
      .filter((c) => c.droppedRows > 0);
    return { rowIndex: Uint32Array.from(keep), droppedRows: rowCount - keep.length, imputedCells: 0, byColumn, columns };
  }
  let imputedCells = 0;
  const byColumn: MissingOutcome['byColumn'] = [];
  const filled = columns.map((column) => {
    const { column: out, filled } = imputeColumn(column, rowCount);
    imputedCells += filled;
    if (filled > 0) byColumn.push({ column: column.name, droppedRows: 0, imputedCells: filled });
    return out;
  });
  const rowIndex = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) rowIndex[i] = i;
  return { rowIndex, droppedRows: 0, imputedCells, byColumn, columns: filled };
}

function countMissing(column: Column, rowCount: number): number {
  let m = 0;
  for (let i = 0; i < rowCount; i++) if (isMissing(column.data, i)) m++;
  return m;
}

function imputeColumn(column: Column, rowCount: number): { column: Column; filled: number } {
  const data = column.data;
  const missing = countMissing(column, Math.min(rowCount, lengthOf(data)));
  if (missing === 0 || data.type === 'text') return { column, filled: 0 };
  if (data.type === 'number' || data.type === 'datetime') {
    const present = data.values.filter((v) => !Number.isNaN(v)).sort();
    const median = present.length === 0 ? 0 : present[Math.floor((present.length - 1) / 2)] / 2 + present[Math.ceil((present.length - 1) / 2)] / 2;
    const values = data.values.map((v) => (Number.isNaN(v) ? median : v));
    return { column: { ...column, data: { type: data.type, values } }, filled: missing };
  }
  const counts = new Int32Array(data.dictionary.length);
  for (const c of data.codes) if (c >= 0) counts[c]++;
  let mode = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c] > counts[mode]) mode = c;
  const codes = data.codes.map((c) => (c < 0 ? mode : c));
  return { column: { ...column, data: { ...data, codes } }, filled: missing };
}
