import type { ClusterDescription } from '../../shared/analysis-result.ts';
import { withUnit } from '../../shared/column-units.ts';
import type { ClusterStatsColumn, ClusterStatsTable, ColumnGroupStats } from '../../shared/insights/explain.ts';
import { formatDate, formatNumber } from '../../shared/encodings/legend.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';

/** The figures a row of the table holds, and what its headers sort by. */
export const STAT_KEYS = ['count', 'missing', 'mean', 'sd', 'min', 'q1', 'median', 'q3', 'max'] as const;
export type StatKey = (typeof STAT_KEYS)[number];
export type SortKey = 'group' | 'column' | StatKey;

export interface StatsGroup {
  /** 'all', or the displayed cluster id as text ('-1' for noise). */
  key: string;
  /** Displayed cluster id, -1 noise, null for all rows. */
  cluster: number | null;
  name: string;
  label: string;
  size: number;
}

export interface StatsRow {
  key: string;
  group: StatsGroup;
  column: ClusterStatsColumn;
  /** Order in the table as the server gave it (column, then group): the unsorted order. */
  order: number;
  stats: ColumnGroupStats;
}

/**
 * The table's groups as the session shows them: clusters under their displayed numbers and
 * names (`rawClusterIds`: displayed → raw), all rows first as the server lists them.
 */
export function statsGroups(table: ClusterStatsTable, rawClusterIds: ReadonlyMap<number, number>, clusters: ClusterDescription[]): StatsGroup[] {
  const shownOf = new Map([...rawClusterIds].map(([shown, raw]) => [raw, shown]));
  const labels = new Map(clusters.map((c) => [c.id, c.label]));
  return table.groups.map((g) => {
    if (g.cluster === null) return { key: 'all', cluster: null, name: 'All', label: 'all analysed rows', size: g.size };
    const shown = g.cluster < 0 ? g.cluster : (shownOf.get(g.cluster) ?? g.cluster);
    return { key: String(shown), cluster: shown, name: clusterName(shown), label: labels.get(shown) ?? g.label, size: g.size };
  });
}

/** One row per column and group, columns in the table's order, each column's groups together. */
export function statsRows(table: ClusterStatsTable, groups: StatsGroup[]): StatsRow[] {
  const out: StatsRow[] = [];
  table.columns.forEach((column, c) => {
    table.groups.forEach((g, k) => {
      const stats = g.stats[c];
      if (stats) out.push({ key: `${groups[k].key}|${column.name}`, group: groups[k], column, order: out.length, stats });
    });
  });
  return out;
}

/**
 * Rows sorted by one header (stable: ties keep the table's order); a figure a row lacks (a mean
 * of a category) sorts last either way. No sort: the table's order.
 */
export function sortStatsRows(rows: StatsRow[], sort: { key: SortKey; descending: boolean } | null): StatsRow[] {
  if (!sort) return rows;
  const sign = sort.descending ? -1 : 1;
  const value = (r: StatsRow): number | string | undefined =>
    sort.key === 'group' ? (r.group.cluster ?? -2) : sort.key === 'column' ? r.column.name.toLowerCase() : r.stats[sort.key];
  return [...rows].sort((x, y) => {
    const a = value(x);
    const b = value(y);
    if (a === undefined || b === undefined) return a === b ? x.order - y.order : a === undefined ? 1 : -1;
    const c = typeof a === 'string' || typeof b === 'string' ? String(a).localeCompare(String(b)) : a - b;
    return c !== 0 ? sign * c : x.order - y.order;
  });
}

const DAY_MS = 86_400_000;

/**
 * One figure of a row as the table prints it: counts whole, numbers with the column's unit
 * ("5,076 g", as the paragraphs write them), a date's spread in days, its centre and bounds as
 * dates — to the day when the column holds whole days (a mean or quartile of dates then has no
 * meaningful hour), else with the time.
 */
export function statFigure(stats: ColumnGroupStats, key: StatKey, column: ClusterStatsColumn): string {
  const v = stats[key];
  if (v === undefined) return '';
  if (key === 'count' || key === 'missing') return formatNumber(v);
  if (column.type !== 'datetime') return withUnit(formatNumber(v), column.unit);
  if (key === 'sd') return `${formatNumber(v / DAY_MS)} d`;
  const wholeDays = stats.min !== undefined && stats.max !== undefined && stats.min % DAY_MS === 0 && stats.max % DAY_MS === 0;
  return wholeDays ? formatDate(Math.round(v / DAY_MS) * DAY_MS) : formatDate(v);
}

/**
 * Whether row `i` opens a block the table draws a line above: in the table's order (or sorted
 * by column) a new column, sorted by group a new group; sorted by a figure there are no blocks.
 * Ten clusters make a column's block ten rows tall: the line tells where the next column starts.
 */
export function blockStarts(rows: readonly StatsRow[], i: number, sortKey: SortKey | undefined): boolean {
  if (i === 0 || (sortKey !== undefined && sortKey !== 'column' && sortKey !== 'group')) return false;
  const key = (r: StatsRow) => (sortKey === 'group' ? r.group.key : r.column.name);
  return key(rows[i]) !== key(rows[i - 1]);
}

/**
 * The rows of the columns whose name holds `query` (any case, spaces trimmed; empty: all). A
 * table of 64 columns × 11 groups is 704 rows: typing "pixel_4" finds the ones wanted.
 */
export function rowsOfColumns(rows: readonly StatsRow[], query: string): readonly StatsRow[] {
  return query.trim() === '' ? rows : rows.filter((r) => columnMatches(r.column.name, query));
}

/** Whether a column's name holds `query` (any case, spaces around it ignored; empty matches all). */
export function columnMatches(name: string, query: string): boolean {
  return name.toLowerCase().includes(query.trim().toLowerCase());
}
