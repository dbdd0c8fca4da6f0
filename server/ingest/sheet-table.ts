import { uniqueColumnNames } from './column-names.ts';
import { IngestError } from './errors.ts';
import { TableBuilder } from './table-builder.ts';
import { addTypedCell } from './typed-cell.ts';
import type { IngestLimits, IngestResult } from './types.ts';

/**
 * One worksheet's rows (exceljs' 1-based sparse `row.values`) into a table; blank rows are
 * skipped as in CSV. Excel cells carry their own types (numbers, dates, booleans, text), so they
 * go in typed; formula cells give their cached result.
 *
 * Sheets often open with a title ("Sales 2024") above the real header. Of the first
 * HEADER_SEARCH rows with values, the header is the first one filled at least half as wide as
 * the widest of them (and at least two cells wide when any is); the rows above it are left out
 * with a warning. Only those few rows are held before streaming on.
 *
 * A merged header cell keeps its value in its first column only: an empty header cell right of
 * a named one is taken as part of that merge and named after it (`Size`, `Size_2`), which the
 * duplicate-name rule then makes unique and reports.
 */
const HEADER_SEARCH = 10;

export class SheetTable {
  private readonly table: TableBuilder;
  private header: string[] | undefined;
  private ignoredRow = 0;
  /** Rows with values (their 1-based sheet row numbers too) held until the header is found. */
  private pending: { cells: unknown[]; row: number }[] | undefined = [];

  constructor(
    readonly name: string,
    limits: IngestLimits,
  ) {
    this.table = new TableBuilder('.', limits);
  }

  hasRows(): boolean {
    this.end();
    return this.table.rowCount > 0;
  }

  /** `sheetRow`: the row's 1-based number in the sheet, for messages. */
  addRow(values: readonly unknown[], sheetRow: number): void {
    const cells: unknown[] = [];
    for (let j = 1; j < values.length; j++) cells.push(cellValue(values[j]));
    if (cells.every(isBlank)) return;
    if (this.pending) {
      this.pending.push({ cells, row: sheetRow });
      if (this.pending.length >= HEADER_SEARCH) this.end();
      return;
    }
    this.addDataRow(cells);
  }

  /** The sheet's rows are all in (or enough to find the header): settle the header. */
  end(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    if (pending.length === 0) return;
    const filled = pending.map((p) => p.cells.filter((c) => !isBlank(c)).length);
    const widest = Math.max(...filled);
    const enough = Math.min(widest, Math.max(2, Math.ceil(widest / 2)));
    const at = filled.findIndex((n) => n >= enough);
    if (at > 0) {
      this.table.warnings.add({
        code: 'ignored_data',
        message: `Sheet "${this.name}": the header is row ${pending[at].row}; the ${at === 1 ? 'row' : `${at} rows`} above it (a title?) ${at === 1 ? 'was' : 'were'} left out.`,
      });
    }
    this.setHeader(pending[at].cells);
    for (const { cells } of pending.slice(at + 1)) this.addDataRow(cells);
  }

  private addDataRow(cells: unknown[]): void {
    const width = this.header!.length;
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
    this.end();
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
