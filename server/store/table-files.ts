import { readFile, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeBuffer, encodeBuffer } from '../../shared/binary.ts';
import { dictionaryEncode, type Column, type ColumnData, type ColumnType, type Table } from '../../shared/table.ts';

/**
 * A table on disk is one binary file per column in the shared array format (docs/binary-format.md),
 * so the column endpoint can stream a file as it is and the client decodes it with the same code.
 * Free text is stored as codes into a dictionary of its distinct values: one format for all.
 */
export function columnFileName(index: number): string {
  return `column-${index}.bin`;
}

export function encodeColumn(data: ColumnData): Uint8Array {
  switch (data.type) {
    case 'number':
      return encodeBuffer(data.values);
    case 'datetime':
      return encodeBuffer(data.values, { kind: 'datetime' });
    case 'category':
    case 'boolean':
      return encodeBuffer(data.codes, { kind: 'category', dictionary: data.dictionary });
    case 'text': {
      const { codes, dictionary } = dictionaryEncode(data.values);
      return encodeBuffer(codes, { kind: 'category', dictionary });
    }
  }
}

export function decodeColumn(bytes: Uint8Array, type: ColumnType): ColumnData {
  const decoded = decodeBuffer(bytes);
  switch (type) {
    case 'number':
    case 'datetime':
      return { type, values: decoded.data as Float64Array };
    case 'category':
    case 'boolean':
      return { type, codes: decoded.data as Int32Array, dictionary: decoded.dictionary ?? [] };
    case 'text': {
      const dictionary = decoded.dictionary ?? [];
      return { type, values: Array.from(decoded.data as Int32Array, (c) => (c < 0 ? null : dictionary[c])) };
    }
  }
}

export interface StoredColumnShape {
  name: string;
  type: ColumnType;
  identifier: boolean;
}

export async function writeTableColumns(dir: string, table: Table): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < table.columns.length; i++) {
    const handle = await open(join(dir, columnFileName(i)), 'w');
    try {
      await handle.writeFile(encodeColumn(table.columns[i].data));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

export async function readTableColumns(dir: string, rowCount: number, shapes: StoredColumnShape[]): Promise<Table> {
  const columns: Column[] = [];
  for (let i = 0; i < shapes.length; i++) {
    const bytes = await readFile(join(dir, columnFileName(i)));
    columns.push({ name: shapes[i].name, identifier: shapes[i].identifier, data: decodeColumn(bytes, shapes[i].type) });
  }
  return { rowCount, columns };
}
