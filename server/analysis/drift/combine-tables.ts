import type { Column, ColumnData, ColumnType, Table } from '../../../shared/table.ts';
import type { NamedTable } from './drift-report.ts';

/** The column that names each row's dataset in a comparison. */
export const SOURCE_COLUMN = 'source';

/**
 * Both tables as one, for embedding them together: the columns they share (same name and kind,
 * as drift compares them: booleans and categories together become categories) in the reference's order, reference rows
 * first, then a category column naming each row's dataset. Its name is `source`, or
 * `source (dataset)` … when a shared column already has that name.
 */
export function combineTables(reference: NamedTable, current: NamedTable): { table: Table; sourceColumn: string; labels: [string, string]; shared: string[] } {
  const columns: Column[] = [];
  for (const a of reference.table.columns) {
    const b = current.table.columns.find((c) => c.name === a.name);
    if (!b || family(b.data.type) !== family(a.data.type)) continue;
    // Unique within each dataset; the same key in both is how rows are matched, so it stays a key.
    columns.push({ name: a.name, identifier: a.identifier && b.identifier, data: concatData(a.data, b.data) });
  }
  const shared = columns.map((c) => c.name);
  let sourceColumn = SOURCE_COLUMN;
  for (let n = 1; shared.includes(sourceColumn); n++) sourceColumn = n === 1 ? `${SOURCE_COLUMN} (dataset)` : `${SOURCE_COLUMN} (dataset ${n})`;
  const n = reference.table.rowCount;
  const m = current.table.rowCount;
  const codes = new Int32Array(n + m);
  codes.fill(1, n);
  // Versions of one upload share a name: say which side each is.
  const labels: [string, string] = reference.name === current.name ? [`${reference.name} (reference)`, `${current.name} (current)`] : [reference.name, current.name];
  columns.push({ name: sourceColumn, identifier: false, data: { type: 'category', codes, dictionary: [...labels] } });
  return { table: { rowCount: n + m, columns }, sourceColumn, labels, shared };
}

function family(type: ColumnType): ColumnType {
  return type === 'boolean' ? 'category' : type;
}

function concatData(a: ColumnData, b: ColumnData): ColumnData {
  if ((a.type === 'number' || a.type === 'datetime') && (b.type === 'number' || b.type === 'datetime')) {
    const values = new Float64Array(a.values.length + b.values.length);
    values.set(a.values);
    values.set(b.values, a.values.length);
    return { type: a.type, values };
  }
  if ((a.type === 'category' || a.type === 'boolean') && (b.type === 'category' || b.type === 'boolean')) {
    const dictionary = [...a.dictionary];
    const index = new Map(dictionary.map((v, i) => [v, i]));
    const remap = b.dictionary.map((v) => {
      let code = index.get(v);
      if (code === undefined) {
        code = dictionary.push(v) - 1;
        index.set(v, code);
      }
      return code;
    });
    const codes = new Int32Array(a.codes.length + b.codes.length);
    codes.set(a.codes);
    for (let i = 0; i < b.codes.length; i++) codes[a.codes.length + i] = b.codes[i] < 0 ? -1 : remap[b.codes[i]];
    // A yes/no column in one and categories in the other: categories, holding both.
    return { type: a.type === b.type ? a.type : 'category', codes, dictionary };
  }
  if (a.type === 'text' && b.type === 'text') return { type: 'text', values: [...a.values, ...b.values] };
  throw new Error(`cannot join a ${a.type} column with a ${b.type} column`);
}
