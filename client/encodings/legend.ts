/** What the legend (and the snapshot export) shows for the colour channel. */
export interface LegendItem {
  label: string;
  color: string;
  count: number;
  /** Cluster id or category value, for toggling a filter from the legend. */
  key: string | number | null;
}

export type Legend =
  | { kind: 'categorical'; title: string; items: LegendItem[]; /** Levels drawn in the muted colour. */ otherCount: number }
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
