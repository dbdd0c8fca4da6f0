import type { IngestWarningJson } from '../../shared/api-types.ts';
import { indicesFromRanges, isCanonicalRanges } from '../../shared/session/ranges.ts';

/** Per column: the cells the import read as missing because they were stray words in a number or date column. */
export type StrayCells = Map<string, { rows: Uint32Array; rowSet: Set<number>; texts: Map<number, string>}>;

/**
 * Read from the import's `non_numeric_values` warnings (their count, rows and first words).
 * Datasets imported before the warnings carried rows have none: their stray words stay missing values.
 */
export function strayCellsFrom(warnings: readonly IngestWarningJson[]): StrayCells {
  const out: StrayCells = new Map();
  for (const w of warnings) {
    if (w.code !== 'non_numeric_values' || w.column === undefined || !isCanonicalRanges(w.rows)) continue;
    const rows = indicesFromRanges(w.rows);
    const texts = new Map((w.examples ?? []).map((e) => [e.row, e.text]));
    out.set(w.column, { rows, rowSet: new Set(rows), texts });
  }
  return out;
}
