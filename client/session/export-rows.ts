import Papa from 'papaparse';
import { fetchRowsAt } from '../api/row-cache.ts';
import type { Row } from '../api/datasets.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { rowsOfMask } from '../encodings/selection.ts';

/**
 * Exports the original rows of some points. CSV goes through papaparse with escapeFormulae on,
 * so a cell like "=HYPERLINK(…)" cannot run as a formula in a spreadsheet.
 */
export async function rowsForMask(dataset: { id: string; columns: readonly unknown[] }, mask: Uint8Array, rowIndex: Uint32Array): Promise<Row[]> {
  return fetchRowsAt(dataset, rowsOfMask(mask, rowIndex));
}

/** What the analysis says about each point, for the rows of an export. */
export interface PointAnalysis {
  cluster: Int32Array;
  anomaly: Float32Array;
}

/**
 * The rows of the points in `mask` (in point order, as rowsForMask returns them) with the
 * analysis appended: the cluster ("C1", "Noise") and the anomaly score. The columns are named
 * `cluster` and `anomaly_score`, with " (analysis)" added where the table already has one.
 * With `rowIndex` (pass it when the table has no identifier column: see rowNumbersNeeded) each
 * row starts with `row`, its 1-based place among the file's records, so the export joins back
 * to the file; named "row (analysis)" where the table has a `row` column.
 */
export function withAnalysis(rows: readonly Row[], mask: Uint8Array, analysis: PointAnalysis, rowIndex: Uint32Array | null = null): Row[] {
  const taken = new Set(rows.flatMap((r) => Object.keys(r)));
  const name = (base: string) => (taken.has(base) ? `${base} (analysis)` : base);
  const [clusterKey, anomalyKey, rowKey] = [name('cluster'), name('anomaly_score'), name('row')];
  const out: Row[] = [];
  let k = 0;
  for (let p = 0; p < mask.length && k < rows.length; p++) {
    if (mask[p] !== 1) continue;
    const analysed = { [clusterKey]: clusterName(analysis.cluster[p]), [anomalyKey]: Math.round(analysis.anomaly[p] * 1e4) / 1e4 };
    out.push(rowIndex ? { [rowKey]: rowIndex[p] + 1, ...rows[k++], ...analysed } : { ...rows[k++], ...analysed });
  }
  return out;
}

/** A table without an identifier column needs the row number to be joined back to its file. */
export function rowNumbersNeeded(columns: readonly { identifier: boolean }[]): boolean {
  return !columns.some((c) => c.identifier);
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
