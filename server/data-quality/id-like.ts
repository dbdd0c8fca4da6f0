import type { Column } from '../../shared/table.ts';
import { isIdentifierName } from '../ingest/column-rules.ts';

/** A column with at least this share of distinct values among present ones is "nearly unique". */
export const NEARLY_UNIQUE_SHARE = 0.95;
/** A column named like an id (`id`, `key`, `code`…) counts as one from this distinct share on. */
export const NAMED_ID_SHARE = 0.5;

/**
 * Whether a column looks like a row identifier even if it is not unique: the import's own
 * identifier flag (unique text or integers), or integers/text that are nearly unique, or named
 * like an id and mostly distinct. A `code` column with three values is a category, not an id;
 * measured decimals are features, never ids.
 */
export function looksLikeIdentifier(column: Column, rowCount: number): boolean {
  if (column.identifier) return true;
  const data = column.data;
  if (data.type === 'datetime' || data.type === 'boolean') return false;
  let present = 0;
  const distinct = new Set<number | string>();
  if (data.type === 'number') {
    for (let r = 0; r < rowCount; r++) {
      const v = data.values[r];
      if (Number.isNaN(v)) continue;
      if (!Number.isInteger(v)) return false;
      present++;
      distinct.add(v);
    }
  } else if (data.type !== 'text') {
    const used = new Uint8Array(data.dictionary.length);
    for (let r = 0; r < rowCount; r++) {
      const c = data.codes[r];
      if (c < 0) continue;
      present++;
      if (!used[c]) distinct.add(c);
      used[c] = 1;
    }
  } else {
    for (let r = 0; r < rowCount; r++) {
      const s = data.values[r];
      if (s === null) continue;
      present++;
      distinct.add(s);
    }
  }
  if (present < 10) return false;
  const share = distinct.size / present;
  return share >= NEARLY_UNIQUE_SHARE || (isIdentifierName(column.name) && share >= NAMED_ID_SHARE);
}
