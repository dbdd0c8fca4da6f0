import { lowestFreeIds } from '../session/cluster-ids.ts';
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
  for (const { rows, cols } of overlapComponents(overlap)) {
    const pairing = maxWeightAssignment(rows.map((r) => cols.map((c) => overlap[r][c])));
    pairing.forEach((col, k) => {
      if (col >= 0 && overlap[rows[k]][cols[col]] > 0) out.set(newList[rows[k]], oldList[cols[col]]);
    });
  }
  const unmatched = newList.filter((id) => !out.has(id));
  const free = lowestFreeIds(unmatched.length, new Set([...out.values(), ...previousIds]));
  unmatched.forEach((id, k) => out.set(id, free[k]));
  return out;
}

/**
 * Groups of new and old clusters joined by shared rows (connected components of the non-zero
 * overlaps). Pairs across groups share nothing, so the best assignment is the best one within
 * each group: many small problems instead of one cubic one (hundreds of HDBSCAN clusters on a
 * large table split into groups of a few).
 */
function overlapComponents(overlap: number[][]): { rows: number[]; cols: number[] }[] {
  const n = overlap.length;
  const m = n === 0 ? 0 : overlap[0].length;
  // Union-find over rows 0..n-1 and columns n..n+m-1.
  const parent = Int32Array.from({ length: n + m }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let r = 0; r < n; r++) for (let c = 0; c < m; c++) if (overlap[r][c] > 0) parent[find(r)] = find(n + c);
  const groups = new Map<number, { rows: number[]; cols: number[] }>();
  const group = (x: number) => {
    const root = find(x);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { rows: [], cols: [] }));
    return g;
  };
  for (let r = 0; r < n; r++) group(r).rows.push(r);
  for (let c = 0; c < m; c++) group(n + c).cols.push(c);
  return [...groups.values()].filter((g) => g.rows.length > 0 && g.cols.length > 0);
}
