import type { ColumnBuilder } from './column-builder.ts';
import { IngestError } from './errors.ts';

/**
 * A cell that arrived with a type (Parquet, Arrow, Excel) goes into the same column builder as
 * CSV text, so inference (identifiers, categories vs text, flags, stray words) is one code path:
 * numbers and dates keep the file's type, booleans are read like CSV's true/false. Strings are
 * text when the file declares the column as text (`declaredText`: Parquet, Arrow); an Excel
 * text cell is read like a CSV cell (numbers typed as text are common there).
 */
export type TypedCell = string | number | bigint | boolean | Date | null | undefined;

export function addTypedCell(column: ColumnBuilder, row: number, value: unknown, where: () => string, declaredText = false): void {
  if (value === null || value === undefined) column.addMissing(row);
  else if (typeof value === 'number') {
    if (Number.isFinite(value)) column.addNumber(row, value);
    else column.addMissing(row);
  } else if (typeof value === 'bigint') column.addNumber(row, Number(value));
  else if (typeof value === 'string') {
    if (declaredText) column.addString(row, value);
    else column.addText(row, value);
  }
  else if (typeof value === 'boolean') column.addText(row, value ? 'true' : 'false');
  else if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) column.addMissing(row);
    else column.addDate(row, ms);
  } else {
    throw new IngestError('unsupported_type', `${where()} holds a ${describe(value)}, which has no column type here: only numbers, text, booleans and dates can be imported.`);
  }
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return 'binary value';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'nested record' : typeof value;
}
