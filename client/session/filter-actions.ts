import { CLUSTER_TITLE } from '../../shared/encodings/point-values.ts';
import { readFilters, removeFilter, setFilter, updateFilter, type Filter } from '../../shared/session/index.ts';
import type { Legend } from '../../shared/encodings/legend.ts';
import { rebindPendingIn } from './rebind-pending.ts';
import { authorOf, type SessionModel } from './session-model.ts';

/**
 * Filter edits from buttons (legend, cluster panel). One filter per column (or one cluster /
 * anomaly filter) is the convention: toggles edit it when it exists, whoever made it.
 */
export function findFilter(filters: readonly Filter[], kind: Filter['kind'], column?: string): Filter | undefined {
  return filters.find((f) => f.kind === kind && (column === undefined || ('column' in f && f.column === column)));
}

export function allClusterIds(model: SessionModel): number[] {
  const ids = new Set<number>();
  for (const c of model.summary.clusters) ids.add(c.id);
  if (model.summary.clustering.noiseCount > 0) ids.add(-1);
  return [...ids].sort((a, b) => a - b);
}

/** Shows or hides one cluster through the shared cluster filter. */
export function toggleClusterVisible(model: SessionModel, clusterId: number): void {
  if (!model.canEdit || rebindPendingIn(model)) return;
  const { doc, origins } = model.conn;
  const all = allClusterIds(model);
  const existing = findFilter(readFilters(doc), 'cluster');
  if (!existing || existing.kind !== 'cluster') {
    setFilter(doc, { kind: 'cluster', values: all.filter((c) => c !== clusterId), enabled: true, author: authorOf(model) }, origins.user);
    return;
  }
  // A disabled filter shows every cluster (as the panel does): clicking one hides just that one.
  const shown = existing.enabled ? existing.values : all;
  const values = shown.includes(clusterId) ? shown.filter((c) => c !== clusterId) : [...shown, clusterId];
  if (all.every((c) => values.includes(c))) removeFilter(doc, existing.id, origins.user);
  else updateFilter(doc, existing.id, { values, enabled: true }, origins.user);
}

/** Shows or hides one category of a column through that column's set filter. */
export function toggleCategoryVisible(model: SessionModel, column: string, value: string | null, allValues: readonly (string | null)[]): void {
  if (!model.canEdit) return;
  const { doc, origins } = model.conn;
  const existing = findFilter(readFilters(doc), 'set', column);
  if (!existing || existing.kind !== 'set') {
    setFilter(doc, { kind: 'set', column, values: allValues.filter((v) => v !== value), enabled: true, author: authorOf(model) }, origins.user);
    return;
  }
  const values = existing.values.includes(value) ? existing.values.filter((v) => v !== value) : [...existing.values, value];
  if (allValues.every((v) => values.includes(v))) removeFilter(doc, existing.id, origins.user);
  else updateFilter(doc, existing.id, { values, enabled: true }, origins.user);
}

/** A legend click: hide or show that cluster or category. */
export function toggleLegendFilter(model: SessionModel, legend: Legend | null, key: string | number | null): void {
  if (!legend || legend.kind !== 'categorical') return;
  if (typeof key === 'number' || (key === null && legend.title === CLUSTER_TITLE)) {
    toggleClusterVisible(model, key ?? -1);
    return;
  }
  // Every level of the column (not only the legend's top ones), plus missing.
  const column = model.ctx.columns.get(legend.title);
  const all = column && (column.type === 'category' || column.type === 'boolean') ? [...column.dictionary, null] : legend.items.map((i) => (i.key === null ? null : String(i.key)));
  toggleCategoryVisible(model, legend.title, key === null ? null : String(key), all);
}
