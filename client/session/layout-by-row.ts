/**
 * The points on show moved to another analysis's layout of the same dataset, matched by dataset
 * row (both rowIndex arrays ascend: a merge walk); rows the other analysis left out keep their
 * place. Both layouts are in the server's normalised frame, so no rescaling is needed.
 */
export function layoutByRow(
  shown: { rowIndex: Uint32Array; positions: Float32Array },
  other: { rowIndex: Uint32Array; positions: Float32Array },
): Float32Array {
  const out = Float32Array.from(shown.positions);
  const rows = other.rowIndex;
  let q = 0;
  for (let p = 0; p < shown.rowIndex.length; p++) {
    const row = shown.rowIndex[p];
    while (q < rows.length && rows[q] < row) q++;
    if (q === rows.length) break;
    if (rows[q] === row) {
      out[3 * p] = other.positions[3 * q];
      out[3 * p + 1] = other.positions[3 * q + 1];
      out[3 * p + 2] = other.positions[3 * q + 2];
    }
  }
  return out;
}
