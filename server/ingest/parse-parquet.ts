import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { uniqueColumnNames } from './column-names.ts';
import { IngestError } from './errors.ts';
import { TableBuilder } from './table-builder.ts';
import { addTypedCell } from './typed-cell.ts';
import type { IngestLimits, IngestResult } from './types.ts';

/**
 * Parquet, read one row group at a time: only the footer and the current group's decoded
 * columns are in memory (files written by pandas, DuckDB or Spark hold 10k–1M rows a group),
 * and each group's rows go straight into the typed column builders. The row cap is checked
 * from the footer before any data is read.
 */
export async function parseParquet(path: string, size: number, limits: IngestLimits = {}): Promise<IngestResult> {
  const file = await asyncBufferFromFile(path);
  const metadata = await readMetadata(file);
  const fields = parquetSchema(metadata).children;
  const table = new TableBuilder('.', limits);
  table.checkColumnCount(fields.length);
  for (const field of fields) checkFlat(field);
  const { names, warnings } = uniqueColumnNames(fields.map((f) => f.element.name));
  for (const name of names) table.addColumn(name);
  for (const w of warnings) table.warnings.add(w);
  const total = Number(metadata.num_rows);
  table.checkRowCount(total);
  if (total === 0) throw new IngestError('no_rows', `The Parquet file has columns (${preview(names)}) but no rows.`);

  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    const rows = await readRows(file, metadata, groupStart, groupEnd);
    const first = table.rowCount;
    for (let i = 0; i < rows.length; i++) table.nextRow();
    table.columns.forEach((column, j) => {
      for (let i = 0; i < rows.length; i++) {
        addTypedCell(column, first + i, rows[i][j], () => `Column "${column.name}", row ${first + i + 1},`);
      }
    });
    groupStart = groupEnd;
  }
  const result = table.finish();
  return { table: result, warnings: table.warnings.toArray(), format: 'parquet', typesFromFile: true, bytes: size };
}

type ParquetFile = Awaited<ReturnType<typeof asyncBufferFromFile>>;

async function readMetadata(file: ParquetFile): Promise<FileMetaData> {
  try {
    return await parquetMetadataAsync(file);
  } catch (error) {
    throw corrupt(error);
  }
}

async function readRows(file: ParquetFile, metadata: FileMetaData, rowStart: number, rowEnd: number): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  try {
    await parquetRead({ file, metadata, rowStart, rowEnd, compressors, onComplete: (read: unknown[][]) => (rows = read) });
  } catch (error) {
    throw corrupt(error);
  }
  return rows;
}

/** Lists, maps and structs have no single column type; the sentence names the column and says what to do. */
function checkFlat(field: SchemaTree): void {
  const { element } = field;
  const logical = element.logical_type?.type ?? element.converted_type;
  const nested = field.children.length > 0 || element.repetition_type === 'REPEATED' || logical === 'LIST' || logical === 'MAP';
  if (!nested) return;
  const kind = logical === 'LIST' || element.repetition_type === 'REPEATED' ? 'a list' : logical === 'MAP' ? 'a map' : 'a nested record (struct)';
  throw new IngestError(
    'nested_column',
    `Column "${element.name}" of the Parquet file is ${kind}; only flat columns (numbers, text, booleans, dates) can be imported. Flatten it (e.g. one column per field) and upload again.`,
  );
}

function corrupt(error: unknown): IngestError {
  if (error instanceof IngestError) return error;
  const said = error instanceof Error ? error.message.slice(0, 160) : String(error).slice(0, 160);
  return new IngestError('corrupt_file', `The Parquet file is damaged or truncated and could not be read (${said}).`);
}

function preview(names: string[]): string {
  return names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
}
