import Papa from 'papaparse';
import { fetchRowsAt } from '../api/row-cache.ts';
import type { Row } from '../api/datasets.ts';
import { rowsOfMask } from '../encodings/selection.ts';

/**
 * Exports the original rows of some points. CSV goes through papaparse with escapeFormulae on,
 * so a cell like "=HYPERLINK(…)" cannot run as a formula in a spreadsheet.
 */
export async function rowsForMask(datasetId: string, mask: Uint8Array, rowIndex: Uint32Array): Promise<Row[]> {
  return fetchRowsAt(datasetId, rowsOfMask(mask, rowIndex));
}

export function rowsToCsv(rows: readonly Row[]): string {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const formats = new Map(fields.map((f) => [f, datetimeFormat(rows, f)]));
  const data = rows.map((r) => fields.map((f) => {
    const value = r[f] ?? null;
    const format = formats.get(f);
    return format && typeof value === 'string' ? shortenDatetime(value, format) : value;
  }));
  return Papa.unparse({ fields, data }, { escapeFormulae: true });
}

export function rowsToJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 1);
}

/** How the server writes datetimes: full ISO in UTC with milliseconds. */
const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{3})?Z$/;

type DatetimeFormat = 'date' | 'seconds' | 'full';

/**
 * A column of datetimes is written as plain dates when every value is midnight UTC (a source "2012-01-01"
 * reads back as it was), else without milliseconds when none has any. Decided per column so a
 * column never mixes both shapes; null when the column is not all datetimes.
 */
function datetimeFormat(rows: readonly Row[], field: string): DatetimeFormat | null {
  let seen = false;
  let midnight = true;
  let wholeSeconds = true;
  for (const row of rows) {
    const value = row[field];
    if (value === null || value === undefined || value === '') continue;
    const m = typeof value === 'string' ? ISO_UTC.exec(value) : null;
    if (!m) return null;
    seen = true;
    const millis = m[3] === undefined || m[3] === '.000';
    wholeSeconds &&= millis;
    midnight &&= millis && m[2] === '00:00:00';
  }
  if (!seen) return null;
  return midnight ? 'date' : wholeSeconds ? 'seconds' : 'full';
}

function shortenDatetime(value: string, format: DatetimeFormat): string {
  const m = ISO_UTC.exec(value);
  if (!m || format === 'full') return value;
  return format === 'date' ? m[1] : `${m[1]}T${m[2]}Z`;
}
