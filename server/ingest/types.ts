import type { Table } from '../../shared/table.ts';

/** Something the user should know about their file that did not stop the import. */
export interface IngestWarning {
  code:
    | 'empty_header'
    | 'duplicate_header'
    | 'short_row'
    | 'duplicate_key'
    | 'empty_column'
    | 'non_numeric_values'
    | 'ambiguous_dates'
    | 'ignored_data'
    | 'encoding';
  message: string;
  /** 1-based data row (the header is not counted). */
  row?: number;
  /** 1-based physical line in the file, when known. */
  line?: number;
  column?: string;
  /** non_numeric_values: how many cells were stray words (read as missing). */
  count?: number;
  /** non_numeric_values: those cells' 0-based rows as canonical half-open ranges, for the quality report. */
  rows?: number[];
  /** non_numeric_values: the first few stray words as written, with their 0-based rows. */
  examples?: { row: number; text: string }[];
}

export interface IngestResult {
  table: Table;
  warnings: IngestWarning[];
  format: IngestFormat;
  /** Parquet and Arrow declare column types: numbers, dates and booleans then come from the file, not from reading text. */
  typesFromFile?: boolean;
  /** Excel: the sheet read and every sheet of the workbook with its row count (header included). */
  sheet?: { name: string; sheets: { name: string; rows: number }[] };
  /** The delimiter used for csv/tsv. */
  delimiter?: string;
  /** Bytes read from the source. */
  bytes: number;
}

export type IngestFormat = 'csv' | 'tsv' | 'json' | 'parquet' | 'arrow' | 'xlsx';

export type IngestSource = AsyncIterable<Uint8Array | string>;

export interface IngestLimits {
  /** More data rows than this → IngestError 'too_many_rows'. */
  maxRows?: number;
  /** More columns than this → IngestError 'too_many_columns'. */
  maxColumns?: number;
}

/** Every knob and its default in one place. */
export const INGEST_DEFAULTS = {
  maxRows: 2_000_000,
  maxColumns: 2_000,
  /** A single row (or a quoted field) longer than this is almost surely an unterminated quote. */
  maxRowChars: 8 * 2 ** 20,
  /** Decoded text handed to the CSV parser at once; small values only make tests reach edge cases. */
  chunkChars: 2 ** 20,
  /** Warnings of one kind listed one by one before the rest are summarised. */
  maxWarningsPerKind: 20,
} as const;
