import type { DbscanResult } from '../cluster/dbscan.ts';
import type { HdbscanResult } from '../cluster/hdbscan.ts';
import { MAX_WIDENING } from '../cluster/eps-widen.ts';

/**
 * Plain-language notes on the density clusterings' parameters: what was used, and for every
 * default, the rule that chose it (the summary carries only eps, so the rest is said here).
 */
const count = (v: number) => v.toLocaleString('en-US');
const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(part / whole < 0.1 ? 1 : 0)}%`;

export function hdbscanNote(r: HdbscanResult, rows: number, sizeByDefault: boolean, samplesByDefault: boolean): string {
  const size = sizeByDefault
    ? `smallest cluster ${count(r.minClusterSize)} points (default: 1% of the points, at least √n / 2 and 5)`
    : `smallest cluster ${count(r.minClusterSize)} points`;
  const samples = samplesByDefault ? `minSamples ${r.minSamples} (default: the smaller of 16 and the smallest cluster)` : `minSamples ${r.minSamples}`;
  return `HDBSCAN on ${count(rows)} points: ${size}, ${samples}; groups smaller than that are noise or part of a larger cluster.`;
}

export function dbscanNote(r: DbscanResult, rows: number, minPtsByDefault: boolean, sizeByDefault: boolean): string {
  const eps = r.eps.toPrecision(3);
  const why =
    r.epsRule === 'given'
      ? `eps ${eps} (given)`
      : r.epsRule === 'k-distance'
        ? `eps ${eps}, chosen so that 95% of the points are core points (95th percentile of the distance to the ${r.minPts - 1}th nearest neighbour)`
        : `eps ${eps}, widened from the 95th percentile of the distance to the ${r.minPts - 1}th nearest neighbour (at most ${MAX_WIDENING}×) so that up to 95% of the points lie in clusters of at least ${count(r.minClusterSize)} points`;
  const minPts = minPtsByDefault ? `minPts ${r.minPts} (default: HDBSCAN's min_samples + 1, at least twice the dimensions)` : `minPts ${r.minPts}`;
  const dropped =
    r.droppedClusters > 0
      ? ` ${count(r.droppedClusters)} groups under ${count(r.minClusterSize)} points${sizeByDefault ? ' (1% of the points, at least √n / 2)' : ''} are shown as noise (${count(r.droppedRows)} points, ${share(r.droppedRows, rows)}).`
      : '';
  return `DBSCAN: ${why}; ${minPts}.${dropped}`;
}
