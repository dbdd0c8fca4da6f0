import { uniqueColumnNames } from './column-names.ts';
import { IngestError } from './errors.ts';
import { TableBuilder } from './table-builder.ts';
import { addTypedCell } from './typed-cell.ts';
import type { IngestLimits, IngestResult } from './types.ts';

/**
 * One worksheet's rows (exceljs' 1-based sparse `row.values`) into a table: the first row with
 * a value is the header, blank rows are skipped as in CSV. Excel cells carry their own types
 * (numbers, dates, booleans, text), so they go in typed; formula cells give their cached result.
 *
 * A merged header cell keeps its value in its first column only: an empty header cell right of
 * a named one is taken as part of that merge and named after it (`Size`, `Size_2`), which the
 * duplicate-name rule then makes unique and reports.
 */
export class SheetTable {
  private readonly table: TableBuilder;
  private header: string[] | undefined;
  private ignoredRow = 0;

  constructor(
    readonly name: string,
    limits: IngestLimits,
  ) {
    this.table = new TableBuilder('.', limits);
  }

  hasRows(): boolean {
    return this.table.rowCount > 0;
  }

  addRow(values: readonly unknown[]): void {
    const cells: unknown[] = [];
    for (let j = 1; j < values.length; j++) cells.push(cellValue(values[j]));
    if (cells.every(isBlank)) return;
    if (!this.header) return this.setHeader(cells);
    const width = this.header.length;
    if (cells.length > width && !this.ignoredRow && cells.slice(width).some((c) => !isBlank(c))) {
      this.ignoredRow = this.table.rowCount + 1;
      this.table.warnings.add({
        code: 'ignored_data',
        row: this.ignoredRow,
        message: `Sheet "${this.name}": row ${this.ignoredRow} (and maybe others) has values right of the last named column; they were left out.`,
      });
    }
    const row = this.table.nextRow();
    const columns = this.table.columns;
    for (let j = 0; j < Math.min(width, cells.length); j++) {
      addTypedCell(columns[j], row, cells[j], () => `Sheet "${this.name}", column "${columns[j].name}", row ${row + 1},`);
    }
  }

  finish(): Pick<IngestResult, 'table' | 'warnings'> {
    if (!this.header) throw new IngestError('empty_sheet', `Sheet "${this.name}" is empty.`);
    if (this.table.rowCount === 0) {
      throw new IngestError('no_rows', `Sheet "${this.name}" has a header (${this.header.slice(0, 5).join(', ')}${this.header.length > 5 ? ', …' : ''}) but no data rows.`);
    }
    const table = this.table.finish();
    return { table, warnings: this.table.warnings.toArray() };
  }

  private setHeader(cells: unknown[]): void {
    let last = cells.length;
    while (last > 0 && isBlank(cells[last - 1])) last--;
    this.table.checkColumnCount(last);
    const raw: string[] = [];
    for (let j = 0; j < last; j++) {
      const text = headerText(cells[j]);
      raw.push(text === '' && j > 0 && raw[j - 1] !== '' ? raw[j - 1] : text);
    }
    const { names, warnings } = uniqueColumnNames(raw);
    this.header = names;
    for (const name of names) this.table.addColumn(name);
    for (const w of warnings) this.table.warnings.add(w);
  }
}

/** exceljs' cell value, reduced to what a column can hold. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value;
  if ('result' in value) return cellValue(value.result);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
  if ('text' in value) return cellValue(value.text);
  if ('error' in value) return String(value.error);
  return value;
}

function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function headerText(cell: unknown): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return isBlank(cell) ? '' : String(cell).trim();
}
