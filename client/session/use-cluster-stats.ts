import { useEffect, useMemo, useState } from 'react';
import type { ClusterStatsTable } from '../../shared/insights/explain.ts';
import { clusterStatsCsv, getClusterStats } from '../api/insights.ts';
import { columnMatches, rowsOfColumns, sortStatsRows, statsGroups, statsRows, type SortKey, type StatsGroup, type StatsRow } from './cluster-stats-rows.ts';
import type { SessionModel } from './session-model.ts';

export { STAT_KEYS, type SortKey } from './cluster-stats-rows.ts';

export interface ClusterStatsView {
  state: 'loading' | 'error' | 'ready';
  error: string | null;
  groups: StatsGroup[];
  chosen: ReadonlySet<string>;
  toggleGroup(key: string): void;
  chooseAll(): void;
  rows: readonly StatsRow[];
  /** Only the columns whose name holds this text (empty: all), and how many columns that is of all. */
  columnQuery: string;
  setColumnQuery(query: string): void;
  columnsShown: number;
  columnCount: number;
  sort: { key: SortKey; descending: boolean } | null;
  sortBy(key: SortKey): void;
  /** Fetches the route's CSV and hands it to `save`; a failure is kept in `downloadError`. */
  downloadCsv(save: (csv: Blob) => void): void;
  downloadError: string | null;
}

/**
 * The per-cluster statistics table (GET /api/analyses/:id/cluster-stats) as the session shows
 * it: clusters under their displayed numbers and names, one row per group and column, the
 * groups a user chose, sorted by any header (again: the other way; numbers missing for a row
 * sort last either way).
 */
export function useClusterStats(model: SessionModel): ClusterStatsView {
  const [table, setTable] = useState<ClusterStatsTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean } | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [columnQuery, setColumnQuery] = useState('');

  useEffect(() => {
    const abort = new AbortController();
    setTable(null);
    setError(null);
    getClusterStats(model.analysis.id, abort.signal).then(setTable, (e: unknown) => {
      if (!abort.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    });
    return () => abort.abort();
  }, [model.analysis.id]);

  const groups = useMemo(() => (table ? statsGroups(table, model.rawClusterIds, model.summary.clusters) : []), [table, model]);
  const allRows = useMemo(() => (table ? statsRows(table, groups) : []), [table, groups]);
  const picked = useMemo(() => chosen ?? new Set(groups.map((g) => g.key)), [chosen, groups]);
  const rows = useMemo(() => sortStatsRows(allRows.filter((r) => picked.has(r.group.key)), sort), [allRows, picked, sort]);
  const shownRows = useMemo(() => rowsOfColumns(rows, columnQuery), [rows, columnQuery]);
  const columnCount = table?.columns.length ?? 0;
  const columnsShown = useMemo(() => (table ? table.columns.filter((c) => columnMatches(c.name, columnQuery)).length : 0), [table, columnQuery]);

  return {
    state: error ? 'error' : table ? 'ready' : 'loading',
    error,
    groups,
    chosen: picked,
    toggleGroup: (key) => {
      const next = new Set(picked);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      setChosen(next);
    },
    chooseAll: () => setChosen(null),
    rows: shownRows,
    columnQuery,
    setColumnQuery,
    columnsShown,
    columnCount,
    sort,
    downloadCsv: (save) => {
      setDownloadError(null);
      clusterStatsCsv(model.analysis.id, model.rawClusterIds).then(save, (e: unknown) => setDownloadError(`The CSV could not be downloaded: ${e instanceof Error ? e.message : String(e)}`));
    },
    downloadError,
    sortBy: (key) => setSort((s) => (s && s.key === key ? { key, descending: !s.descending } : { key, descending: key !== 'group' && key !== 'column' })),
  };
}
