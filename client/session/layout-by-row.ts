/**
 * Another analysis's per-point values (`width` per point) placed on the points on show, matched
 * by dataset row (both rowIndex arrays ascend: a merge walk). `out` comes filled with what a
 * point keeps when the other analysis left its row out; it is filled in and returned.
 */
export function placeByRow<T extends Float32Array | Int32Array | Uint8Array>(shownRows: Uint32Array, otherRows: Uint32Array, otherValues: T, out: T, width = 1): T {
  let q = 0;
  for (let p = 0; p < shownRows.length; p++) {
    const row = shownRows[p];
    while (q < otherRows.length && otherRows[q] < row) q++;
    if (q === otherRows.length) break;
    if (otherRows[q] === row) for (let k = 0; k < width; k++) out[width * p + k] = otherValues[width * q + k];
  }
  return out;
}

/**
 * The points on show moved to another analysis's layout of the same dataset, matched by row;
 * rows the other analysis left out keep their place. Both layouts are in the server's
 * normalised frame, so no rescaling is needed.
 */
export function layoutByRow(
  shown: { rowIndex: Uint32Array; positions: Float32Array },
  other: { rowIndex: Uint32Array; positions: Float32Array },
): Float32Array {
  return placeByRow(shown.rowIndex, other.rowIndex, other.positions, Float32Array.from(shown.positions), 3);
}
