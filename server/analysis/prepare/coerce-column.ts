import type { Column, ColumnData, ColumnType } from '../../../shared/table.ts';
import { cellValue, dictionaryEncode } from '../../../shared/table.ts';

/**
 * Re-types a column when the user overrides the inferred type on the start page (e.g. a zip
 * code read as a number is really a category). Works from the columnar data alone: every type
 * has a textual form, and numbers/dates are parsed back from it.
 */
export function coerceColumn(column: Column, type: ColumnType): Column {
  if (column.data.type === type) return column;
  const n = lengthOf(column.data);
  const text: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = cellValue(column.data, i);
    text[i] = v === null ? null : String(v);
  }
  return { ...column, identifier: false, data: fromText(text, type) };
}

export function lengthOf(data: ColumnData): number {
  return 'codes' in data ? data.codes.length : data.values.length;
}

function fromText(text: (string | null)[], type: ColumnType): ColumnData {
  const n = text.length;
  switch (type) {
    case 'number': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const t = text[i];
        const v = t === null || t.trim() === '' ? NaN : Number(t.trim().replace(',', '.'));
        values[i] = Number.isFinite(v) ? v : NaN;
      }
      return { type, values };
    }
    case 'datetime': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const t = text[i];
        values[i] = t === null ? NaN : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Date.parse(t);
      }
      return { type, values };
    }
    case 'boolean': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const t = text[i]?.trim().toLowerCase();
        codes[i] = t === undefined ? -1 : ['true', 'yes', '1', 'y', 't'].includes(t) ? 1 : ['false', 'no', '0', 'n', 'f'].includes(t) ? 0 : -1;
      }
      return { type, codes, dictionary: ['false', 'true'] };
    }
    case 'category':
      return { type, ...dictionaryEncode(text) };
    case 'text':
      return { type, values: text };
  }
}
