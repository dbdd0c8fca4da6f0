import { PointFlag } from '../scene/flags.ts';
import type { Legend } from './legend.ts';

/**
 * The legend's counts under filters: each item's points that pass (`visible`, read as "n of N
 * visible") beside its total. With every point passing it is the legend as it was, so nothing
 * changes for an unfiltered view. `itemOf` maps a point to its legend item (-1 = a rarer level).
 */
export function withVisibleCounts(legend: Legend, itemOf: Int32Array | undefined, passes: Uint8Array, passCount: number): Legend {
  if (legend.kind !== 'categorical' || itemOf === undefined || passCount === passes.length || itemOf.length !== passes.length) return legend;
  const visible = new Uint32Array(legend.items.length);
  let otherVisible = 0;
  for (let i = 0; i < passes.length; i++) {
    if (passes[i] === 0) continue;
    const item = itemOf[i];
    if (item >= 0) visible[item]++;
    else otherVisible++;
  }
  return {
    ...legend,
    items: legend.items.map((item, i) => ({ ...item, visible: visible[i] })),
    otherVisible,
  };
}

/** "37 of 152" under filters, "152" otherwise. */
export function countText(count: number, visible: number | undefined, format: (v: number) => string): string {
  return visible === undefined ? format(count) : `${format(visible)} of ${format(count)}`;
}

/**
 * Of the flagged anomalies and the selected points, those that pass the filters and are in the
 * timeline's window (read from the per-point flags the scene draws with); null when every point passes.
 */
export function visibleMarks(flags: Uint8Array, passCount: number): { anomaly: number; selected: number } | null {
  if (passCount === flags.length) return null;
  let anomaly = 0;
  let selected = 0;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if ((f & PointFlag.PassesFilter) === 0 || (f & PointFlag.OutOfTime) !== 0) continue;
    if (f & PointFlag.Anomaly) anomaly++;
    if (f & PointFlag.Selected) selected++;
  }
  return { anomaly, selected };
}
