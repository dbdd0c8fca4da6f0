import type { ClusterTrait } from '../../../shared/analysis-result.ts';
import type { GroupStats } from './column-stats.ts';

/** Below these a difference is not a trait: half a pooled SD; a category 20 points more common. */
const MIN_EFFECT = 0.5;
const MIN_SHARE_LIFT = 0.2;
/** Traits kept per group (a paragraph reads the first 3). */
export const KEPT_TRAITS = 5;

/**
 * The trait maths of every explanation (a cluster against the rest, or any two groups): what sets
 * group a apart from group b, the strongest KEPT_TRAITS first. `a` and `b` are slots of each column's GroupStats
 * (slot = group id + 1); b may be the sum of several slots (a cluster's rest).
 */
export function traitsBetween(perColumn: { name: string; stats: GroupStats }[], a: number, b: readonly number[]): ClusterTrait[] {
  const traits: ClusterTrait[] = [];
  for (const { name, stats } of perColumn) {
    const trait = stats.kind === 'numeric' ? numericTrait(name, stats, a, b) : categoricalTrait(name, stats, a, b);
    if (trait) traits.push(trait);
  }
  // Ties (same strength) fall back to column order: deterministic whatever the sort.
  return traits
    .map((t, i) => ({ t, i }))
    .sort((x, y) => strength(y.t) - strength(x.t) || x.i - y.i)
    .slice(0, KEPT_TRAITS)
    .map(({ t }) => t);
}

/**
 * A category 50 points more common reads as strongly as a mean shift of ~2 SD; a word's lift in
 * the share of rows holding it reads the same way.
 */
export function strength(t: ClusterTrait): number {
  return Math.abs(t.effect) * (t.kind === 'mostly' || t.kind === 'words' ? 4 : 1);
}

function numericTrait(name: string, s: Extract<GroupStats, { kind: 'numeric' }>, a: number, b: readonly number[]): ClusterTrait | null {
  const nA = s.count[a];
  let nB = 0;
  let sumB = 0;
  let sqB = 0;
  for (const h of b) {
    nB += s.count[h];
    sumB += s.sum[h];
    sqB += s.sumSq[h];
  }
  if (nA < 2 || nB < 2) return null;
  const meanA = s.sum[a] / nA;
  const meanB = sumB / nB;
  const varA = Math.max(0, s.sumSq[a] / nA - meanA * meanA);
  const varB = Math.max(0, sqB / nB - meanB * meanB);
  const pooled = Math.sqrt((varA * nA + varB * nB) / (nA + nB));
  if (!(pooled > 0)) return null;
  const effect = (meanA - meanB) / pooled;
  if (Math.abs(effect) < MIN_EFFECT) return null;
  return { column: name, kind: effect > 0 ? 'higher' : 'lower', effect, clusterMean: meanA, restMean: meanB };
}

function categoricalTrait(name: string, s: Extract<GroupStats, { kind: 'categorical' }>, a: number, b: readonly number[]): ClusterTrait | null {
  const { levels, counts } = s;
  let totalA = 0;
  let totalB = 0;
  for (let l = 0; l < levels; l++) {
    totalA += counts[a * levels + l];
    for (const h of b) totalB += counts[h * levels + l];
  }
  if (totalA === 0 || totalB === 0) return null;
  let best: ClusterTrait | null = null;
  for (let l = 0; l < levels; l++) {
    const inA = counts[a * levels + l];
    let inB = 0;
    for (const h of b) inB += counts[h * levels + l];
    const share = inA / totalA;
    const restShare = inB / totalB;
    const effect = share - restShare;
    if (share >= 0.5 && effect >= MIN_SHARE_LIFT && (!best || effect > best.effect)) {
      const lift = share / ((inA + inB) / (totalA + totalB));
      best = { column: name, kind: 'mostly', effect, value: s.dictionary[l], share, restShare, lift };
    }
  }
  return best;
}
