import type { ClusterTrait } from '../../../shared/analysis-result.ts';
import type { TextFeatures } from '../text/text-features.ts';

/** Words named per cluster: enough to read as a theme, few enough for a label. */
const WORDS_PER_CLUSTER = 3;
/** The first word must be held by this much larger a share of the cluster's rows than of the others'. */
const MIN_SHARE_LIFT = 0.15;

/**
 * The words that set each cluster apart in a free-text feature column: the terms whose mean
 * TF-IDF weight in the cluster exceeds their mean elsewhere the most, keeping only terms that
 * more of the cluster's rows hold than of the other rows (a direct count). Null for a cluster
 * where no word stands out by MIN_SHARE_LIFT. Points are in TF-IDF row order; noise (-1) counts
 * as "elsewhere".
 */
export function describeWords(text: TextFeatures, labels: Int32Array, clusterCount: number): (ClusterTrait | null)[] {
  const { matrix, terms } = text.tfidf;
  const m = terms.length;
  const weightSum = new Float64Array(clusterCount * m);
  const holders = new Float64Array(clusterCount * m);
  const allWeight = new Float64Array(m);
  const allHolders = new Float64Array(m);
  const sizes = new Float64Array(clusterCount);
  for (let r = 0; r < matrix.rows; r++) {
    const c = labels[r];
    if (c >= 0) sizes[c]++;
    for (let e = matrix.rowStart[r]; e < matrix.rowStart[r + 1]; e++) {
      const t = matrix.colIndex[e];
      allWeight[t] += matrix.values[e];
      allHolders[t]++;
      if (c >= 0) {
        weightSum[c * m + t] += matrix.values[e];
        holders[c * m + t]++;
      }
    }
  }
  const out: (ClusterTrait | null)[] = [];
  for (let c = 0; c < clusterCount; c++) {
    const inside = sizes[c];
    const rest = matrix.rows - inside;
    if (inside === 0 || rest === 0) {
      out.push(null);
      continue;
    }
    const candidates: { term: number; difference: number; share: number; restShare: number }[] = [];
    for (let t = 0; t < m; t++) {
      const held = holders[c * m + t];
      if (held === 0) continue;
      const share = held / inside;
      const restShare = (allHolders[t] - held) / rest;
      if (share <= restShare) continue;
      const difference = weightSum[c * m + t] / inside - (allWeight[t] - weightSum[c * m + t]) / rest;
      if (difference > 0) candidates.push({ term: t, difference, share, restShare });
    }
    candidates.sort((a, b) => b.difference - a.difference || a.term - b.term);
    const top = candidates.slice(0, WORDS_PER_CLUSTER);
    if (top.length === 0 || top[0].share - top[0].restShare < MIN_SHARE_LIFT) {
      out.push(null);
      continue;
    }
    out.push({
      column: text.column,
      kind: 'words',
      effect: top[0].share - top[0].restShare,
      words: top.map((w) => ({ term: terms[w.term], share: w.share, restShare: w.restShare })),
    });
  }
  return out;
}
