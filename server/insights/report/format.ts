import { formatNumber } from '../../../shared/encodings/legend.ts';
import { clusterName } from '../../../shared/encodings/point-values.ts';
import type { Filter } from '../../../shared/session/types.ts';

export { formatNumber, clusterName };

/** "2026-12-06 10:48 UTC": one reading for every reader, whatever their time zone. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'unknown time';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** 0.364 → "36%", 0.004 → "0.4%". */
export function percent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const p = fraction * 100;
  return `${p !== 0 && Math.abs(p) < 1 ? p.toFixed(1) : Math.round(p)}%`;
}

/** A filter in words, as the filter panel reads it. */
export function describeFilter(filter: Filter): string {
  const off = filter.enabled ? '' : ' (switched off)';
  switch (filter.kind) {
    case 'range':
      return `${filter.column} ${bounds(filter.min, filter.max)}${off}`;
    case 'set':
      return `${filter.column} is ${filter.values.map((v) => (v === null ? 'missing' : String(v))).join(', ') || 'nothing'}${off}`;
    case 'cluster':
      return `cluster ${filter.values.map(clusterName).join(', ') || 'none'}${off}`;
    case 'anomaly':
      return `anomaly score ${bounds(filter.min, filter.max)}${off}`;
  }
}

function bounds(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `from ${formatNumber(min)} to ${formatNumber(max)}`;
  if (min !== null) return `at least ${formatNumber(min)}`;
  if (max !== null) return `at most ${formatNumber(max)}`;
  return 'any value';
}

/** "row 12" (1-based, as the app's panels number rows), with the row's identifier when known. */
export function rowName(rowIndex: number, label?: string): string {
  return label ? `row ${rowIndex + 1} (${label})` : `row ${rowIndex + 1}`;
}
