import { writeFile } from 'node:fs/promises';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Bool, Float64, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray, Table as ArrowTable, type Vector } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { cellValue, type Table } from '../../shared/table.ts';

/**
 * Real Parquet, Arrow IPC and .xlsx files written from a table read by the CSV/JSON import, with
 * the libraries' own writers: importing them must give the same table back.
 */
type Cell = string | number | boolean | Date | null;

function cells(table: Table, j: number): Cell[] {
  const data = table.columns[j].data;
  const out = new Array<Cell>(table.rowCount);
  for (let i = 0; i < table.rowCount; i++) {
    const v = cellValue(data, i);
    out[i] = data.type === 'datetime' && typeof v === 'string' ? new Date(v) : v;
  }
  return out;
}

export async function writeParquetFixture(table: Table, path: string, rowGroupSize = 100): Promise<void> {
  const columnData = table.columns.map((column, j) => {
    const type = column.data.type;
    const basic = type === 'number' ? 'DOUBLE' : type === 'datetime' ? 'TIMESTAMP' : type === 'boolean' ? 'BOOLEAN' : 'STRING';
    return { name: column.name, data: cells(table, j), type: basic, nullable: true } as const;
  });
  await writeFile(path, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize })));
}

export async function writeArrowFixture(table: Table, path: string, format: 'file' | 'stream', batchRows = 100): Promise<void> {
  const batches: ArrowTable[] = [];
  for (let start = 0; start < table.rowCount; start += batchRows) {
    const end = Math.min(table.rowCount, start + batchRows);
    const vectors: Record<string, Vector> = {};
    table.columns.forEach((column, j) => {
      const values = cells(table, j).slice(start, end);
      const type = column.data.type;
      const arrowType = type === 'number' ? new Float64() : type === 'datetime' ? new TimestampMillisecond() : type === 'boolean' ? new Bool() : new Utf8();
      vectors[column.name] = vectorFromArray(values, arrowType as never);
    });
    batches.push(new ArrowTable(vectors));
  }
  const whole = batches.slice(1).reduce((t, next) => t.concat(next), batches[0]);
  await writeFile(path, tableToIPC(whole, format));
}

export async function writeXlsxFixture(sheets: { name: string; table: Table | null }[], path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const { name, table } of sheets) {
    const sheet = workbook.addWorksheet(name);
    if (!table) continue;
    sheet.addRow(table.columns.map((c) => c.name));
    const columns = table.columns.map((_, j) => cells(table, j));
    for (let i = 0; i < table.rowCount; i++) sheet.addRow(columns.map((c) => c[i]));
  }
  await workbook.xlsx.writeFile(path);
}
