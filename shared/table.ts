/**
 * The columnar in-memory form of a dataset, shared by the server (ingest, analysis, binary
 * endpoints) and the client (decoded column buffers). One typed array per column keeps 1M rows
 * small and lets columns cross the wire as binary.
 */
export type ColumnType = 'number' | 'category' | 'boolean' | 'datetime' | 'text';

export type ColumnData =
  /** NaN marks a missing value. */
  | { type: 'number'; values: Float64Array }
  /** Epoch milliseconds (UTC); NaN marks a missing value. */
  | { type: 'datetime'; values: Float64Array }
  /** Index into `dictionary`; -1 marks a missing value. Booleans use the dictionary ['false', 'true']. */
  | { type: 'category' | 'boolean'; codes: Int32Array; dictionary: string[] }
  /** Long free text; null marks a missing value. */
  | { type: 'text'; values: (string | null)[] };

export interface Column {
  name: string;
  /** Unique per row and text-or-integer (ids, codes): shown, but not a feature by default. */
  identifier: boolean;
  data: ColumnData;
}

export interface Table {
  rowCount: number;
  columns: Column[];
}

export function isMissing(data: ColumnData, row: number): boolean {
  switch (data.type) {
    case 'number':
    case 'datetime':
      return Number.isNaN(data.values[row]);
    case 'category':
    case 'boolean':
      return data.codes[row] < 0;
    case 'text':
      return data.values[row] === null;
  }
}

/** The value of one cell as the user wrote it (numbers as numbers, dates as ISO strings). */
export function cellValue(data: ColumnData, row: number): string | number | boolean | null {
  switch (data.type) {
    case 'number': {
      const v = data.values[row];
      return Number.isNaN(v) ? null : v;
    }
    case 'datetime': {
      const v = data.values[row];
      return Number.isNaN(v) ? null : new Date(v).toISOString();
    }
    case 'boolean': {
      const c = data.codes[row];
      return c < 0 ? null : data.dictionary[c] === 'true';
    }
    case 'category': {
      const c = data.codes[row];
      return c < 0 ? null : data.dictionary[c];
    }
    case 'text':
      return data.values[row];
  }
}

/** Dictionary-codes a list of strings (first appearance order); null becomes -1. */
export function dictionaryEncode(values: readonly (string | null)[]): { codes: Int32Array; dictionary: string[] } {
  const codes = new Int32Array(values.length);
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) {
      codes[i] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  }
  return { codes, dictionary };
}
