import Papa from 'papaparse';
import type { ClusterStatsTable } from '../../../shared/insights/explain.ts';
import { clusterName } from '../../../shared/session/cluster-ids.ts';

const DAY_MS = 86_400_000;
const FIELDS = ['cluster', 'label', 'size', 'column', 'type', 'unit', 'count', 'missing', 'mean', 'sd', 'min', 'q1', 'median', 'q3', 'max', 'top'];

/**
 * The statistics table as CSV, one row per group × column (group "all" first), each cluster
 * named as the interface names it (C1 for cluster id 0, Noise for -1). Dates are
 * written as ISO timestamps, their SD in days (the unit cell says so); top values as
 * "value (count); …". Formula-like cells are escaped, as the row exports do.
 */
export function clusterStatsCsv(table: ClusterStatsTable): string {
  const data: (string | number)[][] = [];
  for (const group of table.groups) {
    table.columns.forEach((column, i) => {
      const s = group.stats[i];
      const date = column.type === 'datetime';
      const at = (v: number | undefined) => (v === undefined ? '' : date ? new Date(v).toISOString() : v);
      data.push([
        group.cluster === null ? 'all' : clusterName(group.cluster),
        group.label,
        group.size,
        column.name,
        column.type,
        date ? 'date; sd in days' : (column.unit ?? ''),
        s.count,
        s.missing,
        at(s.mean),
        s.sd === undefined ? '' : date ? s.sd / DAY_MS : s.sd,
        at(s.min),
        at(s.q1),
        at(s.median),
        at(s.q3),
        at(s.max),
        (s.top ?? []).map((t) => `${t.value} (${t.count})`).join('; '),
      ]);
    });
  }
  return Papa.unparse({ fields: FIELDS, data }, { escapeFormulae: true });
}
