import type { ProposedFilter } from '../../shared/insights/ask.ts';
import type { ColumnType } from '../../shared/table.ts';
import { formatDate, formatNumber } from '../../shared/encodings/legend.ts';

/** Set values named before the rest are counted ("is A, B, C or 4 others"). */
const NAMED_VALUES = 4;

/**
 * A proposed filter in words, the way a range or set filter keeps rows (bounds included):
 * "Body Mass (g) ≥ 5,000", "Island is Biscoe", "Sex is missing", "Year is 1970 – 1975".
 */
export function proposedFilterText(filter: ProposedFilter, type: ColumnType | undefined): string {
  const value = (v: number) => (type === 'datetime' ? formatDate(v) : formatNumber(v));
  if (filter.kind === 'range') {
    const { min, max } = filter;
    if (min !== undefined && max !== undefined) return min === max ? `${filter.column} = ${value(min)}` : `${filter.column} ${value(min)} – ${value(max)}`;
    if (min !== undefined) return `${filter.column} ≥ ${value(min)}`;
    if (max !== undefined) return `${filter.column} ≤ ${value(max)}`;
    return `${filter.column} present`;
  }
  const names = filter.values.map((v) => (v === null ? 'missing' : typeof v === 'number' ? value(v) : String(v)));
  if (names.length === 0) return `${filter.column}: no value`;
  const named = names.length > NAMED_VALUES + 1 ? [...names.slice(0, NAMED_VALUES), `${names.length - NAMED_VALUES} others`] : names;
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
  return `${filter.column} is ${list}`;
}

/**
 * The filters an answer proposes, joined, with the rows they keep: "… and … — keeps 44 rows".
 * `inCloud` (the session's points they keep) is said when it differs: rows the analysis left
 * out (missing values) are counted by the answer but never shown.
 */
export function proposedFiltersText(filters: readonly ProposedFilter[], types: ReadonlyMap<string, ColumnType>, count?: number, inCloud?: number | null): string {
  const words = filters.map((f) => proposedFilterText(f, types.get(f.column))).join(' and ');
  if (count === undefined) return words;
  const kept = `${words} — keeps ${formatNumber(count)} ${count === 1 ? 'row' : 'rows'}`;
  if (inCloud === undefined || inCloud === null || inCloud === count) return kept;
  if (inCloud === 0) return `${kept}, none of them in the cloud`;
  return `${kept}, ${formatNumber(inCloud)} of them in the cloud`;
}
