import type { ClusterDescription, ClusterTrait } from '../../../shared/analysis-result.ts';
import type { Column } from '../../../shared/table.ts';
import type { TextFeatures } from '../text/text-features.ts';
import { groupStats, type GroupStats } from './column-stats.ts';
import { describeWords } from './describe-words.ts';

const MIN_EFFECT = 0.5;
const MIN_SHARE_LIFT = 0.2;

/**
 * Describes each cluster by what sets it apart from the other points: numeric columns whose
 * cluster mean differs most (in pooled standard deviations) and categories it is mostly made of.
 * Free-text feature columns add the words that set a cluster apart (describeWords).
 * The label joins the two strongest traits, e.g. "mostly Gentoo · high Flipper Length (mm)".
 */
export function describeClusters(
  columns: Column[],
  rowIndex: Uint32Array,
  labels: Int32Array,
  clusterCount: number,
  text: readonly TextFeatures[] = [],
): ClusterDescription[] {
  const perColumn = columns
    .map((c) => ({ column: c, stats: groupStats(c, rowIndex, labels, clusterCount) }))
    .filter((s): s is { column: Column; stats: GroupStats } => s.stats !== null);
  const words = text.map((t) => describeWords(t, labels, clusterCount));
  const sizes = new Int32Array(clusterCount);
  for (const l of labels) if (l >= 0) sizes[l]++;
  const out: ClusterDescription[] = [];
  for (let c = 0; c < clusterCount; c++) {
    const traits: ClusterTrait[] = [];
    for (const { column, stats } of perColumn) {
      const trait = stats.kind === 'numeric' ? numericTrait(column.name, stats, c) : categoricalTrait(column.name, stats, c);
      if (trait) traits.push(trait);
    }
    for (const perCluster of words) {
      const trait = perCluster[c];
      if (trait) traits.push(trait);
    }
    traits.sort((a, b) => Math.abs(b.effect) * weight(b) - Math.abs(a.effect) * weight(a));
    const top = traits.slice(0, 5);
    out.push({ id: c, size: sizes[c], label: labelOf(c, top), traits: top });
  }
  return out;
}

// A category lift of 0.5 (50 points of share) reads as strongly as a mean shift of ~2 SD; a
// word's lift in the share of rows holding it reads the same way.
function weight(t: ClusterTrait): number {
  return t.kind === 'mostly' || t.kind === 'words' ? 4 : 1;
}

function numericTrait(name: string, s: Extract<GroupStats, { kind: 'numeric' }>, c: number): ClusterTrait | null {
  const g = c + 1;
  let restCount = 0;
  let restSum = 0;
  let restSq = 0;
  for (let h = 0; h < s.count.length; h++) {
    if (h === g) continue;
    restCount += s.count[h];
    restSum += s.sum[h];
    restSq += s.sumSq[h];
  }
  if (s.count[g] < 2 || restCount < 2) return null;
  const mean = s.sum[g] / s.count[g];
  const restMean = restSum / restCount;
  const varIn = Math.max(0, s.sumSq[g] / s.count[g] - mean * mean);
  const varOut = Math.max(0, restSq / restCount - restMean * restMean);
  const pooled = Math.sqrt((varIn * s.count[g] + varOut * restCount) / (s.count[g] + restCount));
  if (pooled === 0) return null;
  const effect = (mean - restMean) / pooled;
  if (Math.abs(effect) < MIN_EFFECT) return null;
  return { column: name, kind: effect > 0 ? 'higher' : 'lower', effect, clusterMean: mean, restMean };
}

function categoricalTrait(name: string, s: Extract<GroupStats, { kind: 'categorical' }>, c: number): ClusterTrait | null {
  const g = c + 1;
  const groups = s.counts.length / s.levels;
  let inTotal = 0;
  let outTotal = 0;
  for (let l = 0; l < s.levels; l++) {
    inTotal += s.counts[g * s.levels + l];
    for (let h = 0; h < groups; h++) if (h !== g) outTotal += s.counts[h * s.levels + l];
  }
  if (inTotal === 0 || outTotal === 0) return null;
  let best: ClusterTrait | null = null;
  for (let l = 0; l < s.levels; l++) {
    const inside = s.counts[g * s.levels + l];
    let outside = 0;
    for (let h = 0; h < groups; h++) if (h !== g) outside += s.counts[h * s.levels + l];
    const share = inside / inTotal;
    const lift = share - outside / outTotal;
    if (share >= 0.5 && lift >= MIN_SHARE_LIFT && (!best || lift > best.effect)) {
      best = { column: name, kind: 'mostly', effect: lift, value: s.dictionary[l], share };
    }
  }
  return best;
}

function labelOf(c: number, traits: ClusterTrait[]): string {
  const top = traits.slice(0, 2);
  const words = top.map((t) => {
    if (t.kind === 'words') return `words: ${t.words!.slice(0, 2).map((w) => `'${w.term}'`).join(', ')}`;
    if (t.kind !== 'mostly') return `${t.kind === 'higher' ? 'high' : 'low'} ${t.column}`;
    // A value alone reads well ("Gentoo") unless it could belong to any column: a yes/no, a
    // number, or the same value as the other trait's.
    const ambiguous = /^(true|false|yes|no|-?[\d.]+)$/i.test(t.value!) || top.some((o) => o !== t && o.value === t.value);
    const value = ambiguous ? `${t.column} = ${t.value}` : t.value;
    return `${t.share! >= 0.95 ? '' : 'mostly '}${value}`;
  });
  return words.length > 0 ? words.join(' · ') : `Cluster ${c + 1}`;
}
