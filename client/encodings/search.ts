import type { ColumnData } from '../../shared/table.ts';
import type { PointContext } from '../../shared/encodings/point-context.ts';

/**
 * Rows matching a typed value. Text-like columns match when the value contains the query
 * (case-insensitive); numbers when the query parses as that number; dates when their ISO form
 * starts with the query ("2015-06"). Matching is decided per dictionary entry first, so a
 * category column of 1M rows costs one pass over its codes.
 */
export interface SearchResult {
  mask: Uint8Array;
  count: number;
  /** Matches per column, for "found in …" hints. */
  byColumn: { column: string; count: number }[];
}

export function searchPoints(query: string, columnNames: readonly string[], ctx: PointContext): SearchResult {
  const n = ctx.count;
  const mask = new Uint8Array(n);
  const byColumn: { column: string; count: number }[] = [];
  const q = query.trim().toLowerCase();
  if (q === '') return { mask, count: 0, byColumn };
  for (const name of columnNames) {
    const column = ctx.columns.get(name);
    if (!column) continue;
    const test = matcher(column, q);
    if (!test) continue;
    let hits = 0;
    for (let i = 0; i < n; i++) {
      if (test(ctx.rowIndex[i])) {
        hits++;
        mask[i] = 1;
      }
    }
    if (hits > 0) byColumn.push({ column: name, count: hits });
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i];
  return { mask, count, byColumn };
}

/** A query that can match a number column (the same parse as the matcher's). */
export function looksNumeric(query: string): boolean {
  const q = query.trim();
  return q !== '' && Number.isFinite(Number(q.replace(/,/g, '')));
}

/** A query that can match a date column: a year, year-month or full date prefix. */
export function looksLikeDate(query: string): boolean {
  return DATE_PREFIX.test(query.trim());
}

const DATE_PREFIX = /^\d{4}(-\d{1,2}){0,2}/;

function matcher(column: ColumnData, q: string): ((row: number) => boolean) | null {
  switch (column.type) {
    case 'category':
    case 'boolean': {
      const hit = Uint8Array.from(column.dictionary, (label) => (label.toLowerCase().includes(q) ? 1 : 0));
      if (!hit.includes(1)) return null;
      const codes = column.codes;
      return (row) => codes[row] >= 0 && hit[codes[row]] === 1;
    }
    case 'text': {
      const values = column.values;
      return (row) => values[row]?.toLowerCase().includes(q) ?? false;
    }
    case 'number': {
      if (!looksNumeric(q)) return null;
      const target = Number(q.replace(/,/g, ''));
      const values = column.values;
      return (row) => values[row] === target;
    }
    case 'datetime': {
      if (!looksLikeDate(q)) return null;
      const values = column.values;
      return (row) => !Number.isNaN(values[row]) && new Date(values[row]).toISOString().startsWith(q);
    }
  }
}
