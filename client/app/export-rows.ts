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
  return Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? null)) }, { escapeFormulae: true });
}

export function rowsToJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 1);
}
