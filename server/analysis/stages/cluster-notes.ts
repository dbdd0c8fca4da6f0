import type { DbscanResult } from '../cluster/dbscan.ts';
import type { HdbscanResult } from '../cluster/hdbscan.ts';
import { MAX_WIDENING } from '../cluster/eps-widen.ts';
import { LAYOUT_AGREEMENT_MIN } from '../../../shared/analysis-params.ts';

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
        ? `eps ${eps}, chosen so that 95% of the points are core points (95th percentile of the distance to the ${ordinal(r.minPts - 1)} nearest neighbour)`
        : `eps ${eps}, widened from the 95th percentile of the distance to the ${ordinal(r.minPts - 1)} nearest neighbour (at most ${MAX_WIDENING}×) so that up to 95% of the points lie in clusters of at least ${count(r.minClusterSize)} points`;
  const minPts = minPtsByDefault ? `minPts ${r.minPts} (default: HDBSCAN's min_samples + 1, at least twice the dimensions)` : `minPts ${r.minPts}`;
  const dropped =
    r.droppedClusters > 0
      ? ` ${count(r.droppedClusters)} groups under ${count(r.minClusterSize)} points${sizeByDefault ? ' (1% of the points, at least √n / 2)' : ''} are shown as noise (${count(r.droppedRows)} points, ${share(r.droppedRows, rows)}).`
      : '';
  return `DBSCAN: ${why}; ${minPts}.${dropped}`;
}

const percent = (v: number) => `${Math.floor(100 * v)}%`;

/**
 * Which space the default k-means clustered and why, in the words the analysis panel shows:
 * the agreement with the layout of the clusters on the features, and (when they were replaced)
 * of the clusters on the layout.
 */
export function agreementNote(layoutMethod: string, features: number, layout?: number, featuresK?: number): string {
  const name = layoutMethod === 'tsne' ? 't-SNE' : layoutMethod.toUpperCase();
  if (layout === undefined) {
    return `Clusters on the features: on average ${percent(features)} of each point's 10 nearest neighbours in the ${name} layout share its cluster (at least ${percent(LAYOUT_AGREEMENT_MIN)} keeps them).`;
  }
  const k = featuresK === undefined ? '' : ` (k = ${featuresK})`;
  return `Clusters on the layout: k-means on the features${k} agreed with only ${percent(features)} of layout neighbours (fewer than ${percent(LAYOUT_AGREEMENT_MIN)}: its colours cut across the ${name} islands), so k-means ran on the ${name} layout, whose clusters agree with ${percent(layout)}.`;
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
