import { open } from 'node:fs/promises';
import { DataType, RecordBatchReader, type Field, type Schema } from 'apache-arrow';
import { uniqueColumnNames } from './column-names.ts';
import { IngestError } from './errors.ts';
import { TableBuilder } from './table-builder.ts';
import { addTypedCell } from './typed-cell.ts';
import type { IngestLimits, IngestResult } from './types.ts';

/**
 * Arrow IPC files and streams, read one record batch at a time through apache-arrow's reader
 * (a file by its footer's offsets, a stream message by message): only the current batch is
 * decoded, and its columns go straight into the typed column builders.
 */
export async function parseArrow(path: string, size: number, limits: IngestLimits = {}): Promise<IngestResult> {
  const handle = await open(path, 'r');
  try {
    const reader = await openReader(handle);
    const fields = reader.schema.fields;
    const table = new TableBuilder('.', limits);
    table.checkColumnCount(fields.length);
    for (const field of fields) checkSupported(field);
    const { names, warnings } = uniqueColumnNames(fields.map((f) => f.name));
    for (const name of names) table.addColumn(name);
    for (const w of warnings) table.warnings.add(w);
    const dates = fields.map((f) => DataType.isDate(f.type) || DataType.isTimestamp(f.type));

    try {
      for await (const batch of reader) {
        table.checkRowCount(table.rowCount + batch.numRows);
        const first = table.rowCount;
        for (let i = 0; i < batch.numRows; i++) table.nextRow();
        table.columns.forEach((column, j) => {
          const vector = batch.getChildAt(j);
          for (let i = 0; i < batch.numRows; i++) {
            const value: unknown = vector?.get(i);
            const cell = dates[j] && (typeof value === 'number' || typeof value === 'bigint') ? new Date(Number(value)) : value;
            addTypedCell(column, first + i, cell, () => `Column "${column.name}", row ${first + i + 1},`, true);
          }
        });
      }
    } catch (error) {
      throw corrupt(error);
    }
    if (table.rowCount === 0) throw new IngestError('no_rows', `The Arrow file has columns (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}) but no rows.`);
    const result = table.finish();
    return { table: result, warnings: table.warnings.toArray(), format: 'arrow', typesFromFile: true, bytes: size };
  } finally {
    await handle.close();
  }
}

async function openReader(handle: Awaited<ReturnType<typeof open>>): Promise<RecordBatchReader & { schema: Schema }> {
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    if (!reader.schema) throw new Error('no schema message');
    return reader as RecordBatchReader & { schema: Schema };
  } catch (error) {
    throw corrupt(error);
  }
}

/** Numbers, text, booleans, dates and dictionaries of them have a column type here; the rest is named and refused. */
function checkSupported(field: Field): void {
  const type = field.type;
  const value = DataType.isDictionary(type) ? type.dictionary : type;
  const flat =
    DataType.isInt(value) || DataType.isFloat(value) || DataType.isUtf8(value) || DataType.isLargeUtf8(value) ||
    DataType.isBool(value) || DataType.isDate(value) || DataType.isTimestamp(value) || DataType.isNull(value);
  if (flat) return;
  const nested = DataType.isList(type) || DataType.isStruct(type) || DataType.isMap(type) || DataType.isFixedSizeList(type) || DataType.isUnion(type);
  throw new IngestError(
    nested ? 'nested_column' : 'unsupported_type',
    `Column "${field.name}" of the Arrow file has type ${String(type)}, which has no column type here: only numbers, text, booleans, dates and timestamps (or dictionaries of them) can be imported.`,
  );
}

function corrupt(error: unknown): IngestError {
  if (error instanceof IngestError) return error;
  const said = error instanceof Error ? error.message.slice(0, 160) : String(error).slice(0, 160);
  return new IngestError('corrupt_file', `The Arrow IPC file is damaged or truncated and could not be read (${said}).`);
}
