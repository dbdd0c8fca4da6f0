import { LIMITS } from '../../shared/session/limits.ts';
import type { Table } from '../../shared/table.ts';
import { ColumnBuilder } from './column-builder.ts';
import { IngestError } from './errors.ts';
import { finishColumn } from './finish-column.ts';
import type { DecimalSeparator } from './parse-number.ts';
import { WarningLog } from './warning-log.ts';
import { INGEST_DEFAULTS, type IngestLimits } from './types.ts';

/**
 * The columns of a table under construction, with the row and column limits enforced the
 * moment they are crossed (not after a 200 MB file has been read).
 */
export class TableBuilder {
  readonly columns: ColumnBuilder[] = [];
  private readonly byName = new Map<string, ColumnBuilder>();
  rowCount = 0;
  readonly warnings: WarningLog;
  private readonly maxRows: number;
  private readonly maxColumns: number;

  constructor(
    private readonly decimal: DecimalSeparator,
    limits: IngestLimits = {},
  ) {
    this.maxRows = limits.maxRows ?? INGEST_DEFAULTS.maxRows;
    this.maxColumns = limits.maxColumns ?? INGEST_DEFAULTS.maxColumns;
    this.warnings = new WarningLog(INGEST_DEFAULTS.maxWarningsPerKind);
  }

  /** Refuses before any builder is made, so a 100 000-column header costs nothing. */
  checkColumnCount(count: number): void {
    if (count > this.maxColumns) {
      throw new IngestError('too_many_columns', `The table has ${count} columns; at most ${this.maxColumns} are accepted.`);
    }
  }

  addColumn(name: string): ColumnBuilder {
    this.checkColumnCount(this.columns.length + 1);
    checkColumnName(name, this.columns.length + 1);
    const builder = new ColumnBuilder(name, this.decimal);
    this.columns.push(builder);
    this.byName.set(name, builder);
    return builder;
  }

  column(name: string): ColumnBuilder | undefined {
    return this.byName.get(name);
  }

  /** Refuses a table whose row count is known up front (Parquet, Arrow footers) before reading it. */
  checkRowCount(count: number): void {
    if (count > this.maxRows) {
      throw new IngestError('too_many_rows', `The table has ${count.toLocaleString('en-US')} rows; at most ${this.maxRows.toLocaleString('en-US')} are accepted.`);
    }
  }

  /** Index of a new row. */
  nextRow(): number {
    if (this.rowCount >= this.maxRows) {
      throw new IngestError('too_many_rows', `The table has more than ${this.maxRows} rows; at most ${this.maxRows} are accepted.`);
    }
    return this.rowCount++;
  }

  /** The finished table; each builder is released as soon as its column is done. */
  finish(): Table {
    const columns = this.columns.map((builder, i) => {
      const { column, warnings } = finishColumn(builder, this.rowCount);
      this.warnings.addAll(warnings);
      (this.columns as (ColumnBuilder | undefined)[])[i] = undefined;
      return column;
    });
    this.byName.clear();
    return { rowCount: this.rowCount, columns };
  }
}

/**
 * A column name travels in every dataset description (the start page lists them all) and in
 * session documents, which drop names longer than LIMITS.columnLength: a longer one would
 * make the start page load megabytes (one 40 MB JSON key did) and be unusable in a session.
 */
function checkColumnName(name: string, position: number): void {
  const max = LIMITS.columnLength;
  if (name.length <= max) return;
  const start = JSON.stringify(name.slice(0, 40));
  throw new IngestError(
    'column_name_too_long',
    `Column ${position}'s name is ${name.length.toLocaleString('en-US')} characters long (it starts ${start}); column names may be at most ${max} characters. Shorten it and upload again.`,
  );
}
