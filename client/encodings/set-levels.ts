import type { ColumnData } from '../../shared/table.ts';
import type { PointContext } from '../../shared/encodings/point-context.ts';

/** One value of a category (or boolean) column as a set filter lists it. */
export interface SetLevel {
  /** The value a set filter stores (null: missing). */
  value: string | null;
  label: string;
  /** Points with this value in the whole table, and among `subset` (all of them without one). */
  count: number;
  within: number;
}

/**
 * A category column's values with their point counts, most common first (ordered by the whole
 * table, so the list does not reshuffle as other filters move), missing values last as
 * "(missing)". Null when the column is not a loaded category or boolean column. `subset[i] === 1`
 * marks the points the other filters keep.
 */
export function setLevels(column: ColumnData | undefined, ctx: Pick<PointContext, 'count' | 'rowIndex'>, subset: Uint8Array | null): SetLevel[] | null {
  if (!column || (column.type !== 'category' && column.type !== 'boolean')) return null;
  const counts = new Uint32Array(column.dictionary.length + 1);
  const within = new Uint32Array(column.dictionary.length + 1);
  const missing = column.dictionary.length;
  for (let i = 0; i < ctx.count; i++) {
    const c = column.codes[ctx.rowIndex[i]];
    const k = c < 0 ? missing : c;
    counts[k]++;
    if (!subset || subset[i] === 1) within[k]++;
  }
  const level = (value: string | null, label: string, k: number): SetLevel => ({ value, label, count: counts[k], within: within[k] });
  const out = column.dictionary.map((label, k) => level(label, label, k));
  if (counts[missing] > 0) out.push(level(null, '(missing)', missing));
  return out.filter((l) => l.count > 0).sort((x, y) => y.count - x.count);
}

/** A set filter's values as the strings (or null) that levels use. */
export function chosenValues(values: readonly (string | number | boolean | null)[]): Set<string | null> {
  return new Set(values.map((v) => (v === null ? null : String(v))));
}

/** The set filter's values with `value` switched: taken out when kept, added when not. */
export function toggledValues(values: readonly (string | number | boolean | null)[], value: string | null): (string | null)[] {
  const kept = values.map((v) => (v === null ? null : String(v)));
  return kept.includes(value) ? kept.filter((v) => v !== value) : [...kept, value];
}
