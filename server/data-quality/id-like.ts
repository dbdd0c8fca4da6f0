import type { Column } from '../../shared/table.ts';
import { isIdentifierName } from '../ingest/column-rules.ts';
import { presentSorted } from './robust-stats.ts';

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
  const { present, distinct } = distinctCount(column, rowCount) ?? { present: 0, distinct: 0 };
  if (present < 10) return false;
  const share = distinct / present;
  return share >= NEARLY_UNIQUE_SHARE || (isIdentifierName(column.name) && share >= NAMED_ID_SHARE);
}

/** Present and distinct values, or undefined for columns that cannot be ids (dates, booleans, decimals). */
function distinctCount(column: Column, rowCount: number): { present: number; distinct: number } | undefined {
  const data = column.data;
  if (data.type === 'datetime' || data.type === 'boolean') return undefined;
  if (data.type === 'number') {
    const sorted = presentSorted(data.values.subarray(0, rowCount));
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (!Number.isInteger(sorted[i])) return undefined;
      if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    }
    return { present: sorted.length, distinct };
  }
  if (data.type !== 'text') {
    const used = new Uint8Array(data.dictionary.length);
    let present = 0;
    let distinct = 0;
    for (let r = 0; r < rowCount; r++) {
      const c = data.codes[r];
      if (c < 0) continue;
      present++;
      if (used[c] === 0) distinct++;
      used[c] = 1;
    }
    return { present, distinct };
  }
  const seen = new Set<string>();
  let present = 0;
  for (let r = 0; r < rowCount; r++) {
    const s = data.values[r];
    if (s === null) continue;
    present++;
    seen.add(s);
  }
  return { present, distinct: seen.size };
}
