import { lowestFreeIds } from '../../shared/session/index.ts';
import { maxWeightAssignment } from './hungarian.ts';

/** One analysis's clusters by dataset row: point i is row rowIndex[i], in cluster cluster[i] (-1 = noise). */
export interface RowClusters {
  rowIndex: ArrayLike<number>;
  cluster: ArrayLike<number>;
}

/**
 * The ids a new analysis's clusters are shown with, given what the previous analysis showed:
 * new raw id → displayed id. Clusters are matched by the rows they share (rows one analysis
 * dropped count for neither; noise counts for nothing) with the assignment of largest total
 * overlap, so the groups people were talking about keep their number and colour. A new cluster
 * that shares no row with any previous one is new: it takes the lowest id that neither this
 * mapping nor the previous analysis uses, so it never inherits the colour of a cluster that
 * just disappeared. Noise stays -1 and is not in the map.
 *
 * `previous.cluster` holds the previous *displayed* ids, so a chain of re-analyses keeps colours.
 */
export function matchClusterIds(previous: RowClusters, next: RowClusters): Map<number, number> {
  let maxRow = -1;
  for (let i = 0; i < previous.rowIndex.length; i++) maxRow = Math.max(maxRow, previous.rowIndex[i]);
  const before = new Int32Array(maxRow + 1).fill(-1);
  const previousIds = new Set<number>();
  for (let i = 0; i < previous.rowIndex.length; i++) {
    const id = previous.cluster[i];
    before[previous.rowIndex[i]] = id;
    if (id >= 0) previousIds.add(id);
  }
  const nextIds = new Set<number>();
  for (let i = 0; i < next.cluster.length; i++) if (next.cluster[i] >= 0) nextIds.add(next.cluster[i]);
  const newList = [...nextIds].sort((a, b) => a - b);
  const oldList = [...previousIds].sort((a, b) => a - b);
  const newAt = new Map(newList.map((id, k) => [id, k]));
  const oldAt = new Map(oldList.map((id, k) => [id, k]));

  const overlap = newList.map(() => new Array<number>(oldList.length).fill(0));
  for (let i = 0; i < next.rowIndex.length; i++) {
    const row = next.rowIndex[i];
    const id = next.cluster[i];
    if (id < 0 || row > maxRow || before[row] < 0) continue;
    overlap[newAt.get(id)!][oldAt.get(before[row])!]++;
  }

  const out = new Map<number, number>();
  const pairing = maxWeightAssignment(overlap);
  pairing.forEach((col, k) => {
    if (col >= 0 && overlap[k][col] > 0) out.set(newList[k], oldList[col]);
  });
  const unmatched = newList.filter((id) => !out.has(id));
  const free = lowestFreeIds(unmatched.length, new Set([...out.values(), ...previousIds]));
  unmatched.forEach((id, k) => out.set(id, free[k]));
  return out;
}
