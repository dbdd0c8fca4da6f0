import type { Selection } from '../../shared/session/index.ts';

/**
 * Points in the shared selection: their dataset row is in the selected row ranges, or their
 * cluster is a selected cluster. Points are in dataset order, so one merge walk over rows and
 * ranges does it in O(points + ranges).
 */
export function selectionMask(selection: Selection, rowIndex: Uint32Array, cluster: Int32Array): { mask: Uint8Array; count: number } {
  const n = rowIndex.length;
  const mask = new Uint8Array(n);
  const ranges = selection.points;
  let r = 0;
  for (let i = 0; i < n; i++) {
    const row = rowIndex[i];
    while (r < ranges.length && ranges[r + 1] <= row) r += 2;
    if (r < ranges.length && row >= ranges[r]) mask[i] = 1;
  }
  if (selection.clusters.length > 0) {
    const chosen = new Set(selection.clusters);
    for (let i = 0; i < n; i++) if (chosen.has(cluster[i])) mask[i] = 1;
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i];
  return { mask, count };
}

/** Dataset rows of the points in `mask`, ascending. */
export function rowsOfMask(mask: Uint8Array, rowIndex: Uint32Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const out = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = rowIndex[i];
  return out;
}
