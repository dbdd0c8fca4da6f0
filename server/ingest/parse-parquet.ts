import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { uniqueColumnNames } from './column-names.ts';
import { IngestError } from './errors.ts';
import { TableBuilder } from './table-builder.ts';
import { addTypedCell } from './typed-cell.ts';
import type { IngestLimits, IngestResult } from './types.ts';

/**
 * Parquet, read one row group and one column at a time: only the footer and one decoded column
 * chunk (a typed array for numbers) are in memory at once, and its values go straight into that
 * column's typed builder; no row objects are made. The row cap is checked from the footer
 * before any data is read.
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
    for (let row = groupStart; row < groupEnd; row++) table.nextRow();
    for (let j = 0; j < fields.length; j++) {
      const column = table.columns[j];
      for (const chunk of await readColumn(file, metadata, fields[j].element.name, groupStart, groupEnd)) {
        const { data, rowStart } = chunk;
        const from = Math.max(0, groupStart - rowStart);
        const to = Math.min(data.length, groupEnd - rowStart);
        for (let k = from; k < to; k++) {
          const row = rowStart + k;
          addTypedCell(column, row, data[k], () => `Column "${column.name}", row ${row + 1},`, true);
        }
      }
    }
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

/** One column's decoded values over a row group, in the chunks (pages) hyparquet hands them out. */
async function readColumn(file: ParquetFile, metadata: FileMetaData, name: string, rowStart: number, rowEnd: number): Promise<{ data: ArrayLike<unknown>; rowStart: number }[]> {
  const chunks: { data: ArrayLike<unknown>; rowStart: number }[] = [];
  try {
    await parquetRead({ file, metadata, columns: [name], rowStart, rowEnd, compressors, onChunk: (chunk) => chunks.push({ data: chunk.columnData, rowStart: chunk.rowStart }) });
  } catch (error) {
    throw corrupt(error);
  }
  return chunks.sort((a, b) => a.rowStart - b.rowStart);
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
