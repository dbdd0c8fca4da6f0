/** What the legend (and the snapshot export) shows for the colour channel. */
export interface LegendItem {
  label: string;
  color: string;
  count: number;
  /** Cluster id or category value, for toggling a filter from the legend. */
  key: string | number | null;
  /** Points of it that pass the filters; set only while filters hide some points. */
  visible?: number;
}

export type Legend =
  | {
      kind: 'categorical';
      title: string;
      items: LegendItem[];
      /** Points in levels drawn in the muted colour. */
      otherCount: number;
      /** Of those, the points that pass the filters; set only while filters hide some points. */
      otherVisible?: number;
    }
  | { kind: 'continuous'; title: string; stops: readonly string[]; ticks: { t: number; label: string }[]; missing: number }
  | { kind: 'constant'; title: string; color: string };

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v.toLocaleString('en-US', { maximumFractionDigits: a >= 100 ? 1 : a >= 1 ? 2 : 3 });
}

export function formatDate(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

/** A legend row for a mark drawn around points (not a colour of the colour channel). */
export interface LegendMark {
  kind: 'anomaly' | 'selected' | 'search';
  label: string;
  count: number;
  /** CSS colour of the ring, the same as the shader draws (point-shaders.ts). */
  color: string;
  /** Of `count`, those that pass the filters; set only while filters hide some points. */
  visible?: number;
}

/**
 * Which point marks the legend explains: the anomaly halo whenever the analysis flagged
 * points, the selection outline and the search ring only while there is something to see.
 */
export function legendMarks(input: {
  anomalyFlagged: number;
  contamination: number;
  selectedCount: number;
  searchCount: number | null;
  /** Flagged and selected points that pass the filters, while filters hide some. */
  visible?: { anomaly: number; selected: number } | null;
}): LegendMark[] {
  const marks: LegendMark[] = [];
  const visible = input.visible ?? null;
  if (input.anomalyFlagged > 0) {
    const percent = formatNumber(Math.round(input.contamination * 1000) / 10);
    marks.push({ kind: 'anomaly', label: `orange ring: anomaly (top ${percent}%)`, count: input.anomalyFlagged, color: 'rgb(255, 92, 51)', ...(visible && { visible: visible.anomaly }) });
  }
  if (input.selectedCount > 0) {
    marks.push({ kind: 'selected', label: 'white outline: selected', count: input.selectedCount, color: '#ffffff', ...(visible && { visible: visible.selected }) });
  }
  if (input.searchCount !== null && input.searchCount > 0) {
    marks.push({ kind: 'search', label: 'yellow ring: search match (rest faded)', count: input.searchCount, color: 'rgb(255, 212, 59)' });
  }
  return marks;
}
