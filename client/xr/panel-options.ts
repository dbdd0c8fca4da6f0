import type { Encoding, Filter } from '../../shared/session/index.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';

/** One colour-by choice on the VR panel: its label and the shared encoding it writes. */
export interface ColourChoice {
  key: string;
  label: string;
  encoding: Encoding;
}

/** One row of the VR panel's cluster legend. */
export interface ClusterRow {
  id: number;
  name: string;
  shown: boolean;
}

/**
 * At most this many column choices: a panel row per column would not fit an arm's-length
 * panel for wide tables; the desktop's encoding panel keeps every column.
 */
export const MAX_COLUMN_CHOICES = 4;

/** Cluster, anomaly, then the first categorical and numeric columns (the ones a colour reads best on). */
export function colourChoices(columns: readonly { name: string; type: string }[]): ColourChoice[] {
  const choices: ColourChoice[] = [
    { key: 'cluster', label: 'cluster', encoding: { by: 'cluster' } },
    { key: 'anomaly', label: 'anomaly', encoding: { by: 'anomaly' } },
  ];
  const usable = columns.filter((c) => c.type === 'category' || c.type === 'boolean' || c.type === 'number' || c.type === 'datetime');
  for (const c of usable.slice(0, MAX_COLUMN_CHOICES)) choices.push({ key: `col:${c.name}`, label: c.name, encoding: { by: 'column', column: c.name } });
  return choices;
}

/** The choice the shared colour encoding currently matches ('' when none on the panel does). */
export function activeColourKey(color: Encoding, choices: readonly ColourChoice[]): string {
  const key = color.by === 'column' ? `col:${color.column ?? ''}` : color.by;
  return choices.some((c) => c.key === key) ? key : '';
}

/** The legend rows: every cluster id with its shown state under the shared cluster filter (a disabled filter shows all). */
export function clusterRows(ids: readonly number[], filters: readonly Filter[]): ClusterRow[] {
  const f = filters.find((x) => x.kind === 'cluster');
  const limit = f && f.kind === 'cluster' && f.enabled ? new Set(f.values) : null;
  return ids.map((id) => ({ id, name: clusterName(id), shown: limit === null || limit.has(id) }));
}
