import { DRIFT_THRESHOLDS, type DriftColumn, type DriftColumnKind, type DriftHistogram } from '../../../shared/insights/drift.ts';
import type { ColumnData } from '../../../shared/table.ts';
import { chiSquareHomogeneity, chiSquareSurvival, kolmogorovSmirnov, populationStabilityIndex, shares } from './distribution-tests.ts';

/** Quantile bins of the reference a numeric column's PSI is measured on. */
export const PSI_BINS = 10;

type Measured = Omit<DriftColumn, 'column' | 'metric' | 'value' | 'drifted' | 'reason'>;

/** How one shared column moved from `reference` to `current` (both of the same kind), with the verdict. */
export function columnDrift(column: string, reference: ColumnData, current: ColumnData): DriftColumn {
  const measured = reference.type === 'number' || reference.type === 'datetime' ? numericDrift(reference, current) : categoryDrift(reference, current);
  return { column, ...measured, ...verdict(measured) };
}

function verdict(m: Measured): Pick<DriftColumn, 'metric' | 'value' | 'drifted' | 'reason'> {
  const t = DRIFT_THRESHOLDS;
  if (m.referenceCount === 0 || m.currentCount === 0) {
    return { metric: 'psi', value: 0, drifted: false, reason: 'One side has no values to compare.' };
  }
  // PSI of two samples of one distribution is about χ²(bins − 1) · (1/n + 1/m): on a few hundred
  // rows noise alone passes 0.2, so a PSI also has to stand out from that noise.
  const psiP = chiSquareSurvival(m.psi / (1 / m.referenceCount + 1 / m.currentCount), Math.max(1, m.histogram.labels.length - 1));
  if (m.psi > t.psi && psiP < t.pValue) return { metric: 'psi', value: m.psi, drifted: true, reason: `PSI ${fmt(m.psi)} > ${t.psi} (beyond sampling noise: p ${pFmt(psiP)}).` };
  if (m.ks && m.ks.pValue < t.pValue && m.ks.statistic >= t.ksMinEffect) {
    return { metric: 'ks', value: m.ks.statistic, drifted: true, reason: `KS D ${fmt(m.ks.statistic)} ≥ ${t.ksMinEffect} with p ${pFmt(m.ks.pValue)} < ${t.pValue}.` };
  }
  if (m.chi2 && m.chi2.pValue < t.pValue && m.psi >= t.chi2MinPsi) {
    return { metric: 'chi2', value: m.chi2.statistic, drifted: true, reason: `Chi-square p ${pFmt(m.chi2.pValue)} < ${t.pValue} with PSI ${fmt(m.psi)} ≥ ${t.chi2MinPsi}.` };
  }
  const psiWhy = m.psi > t.psi ? `PSI ${fmt(m.psi)} is within sampling noise for this many rows (p ${pFmt(psiP)})` : `PSI ${fmt(m.psi)} ≤ ${t.psi}`;
  return { metric: 'psi', value: m.psi, drifted: false, reason: `${psiWhy} and no test shows a large enough shift.` };
}

function numericDrift(reference: Extract<ColumnData, { values: Float64Array }>, current: ColumnData): Measured {
  const kind: DriftColumnKind = reference.type === 'datetime' ? 'date' : 'number';
  const a = presentSorted(reference.values);
  const b = current.type === 'number' || current.type === 'datetime' ? presentSorted(current.values) : new Float64Array(0);
  const edges = quantileEdges(a, PSI_BINS);
  const countsA = binCounts(a, edges);
  const countsB = binCounts(b, edges);
  return {
    kind,
    psi: populationStabilityIndex(countsA, countsB),
    ks: kolmogorovSmirnov(a, b),
    referenceCount: a.length,
    currentCount: b.length,
    histogram: { labels: binLabels(a, edges, kind), reference: shares(countsA), current: shares(countsB) },
  };
}

function categoryDrift(reference: ColumnData, current: ColumnData): Measured {
  const countsA = categoryCounts(reference);
  const countsB = categoryCounts(current);
  const labels = [...new Set([...countsA.keys(), ...countsB.keys()])].sort((x, y) => (countsA.get(y) ?? 0) - (countsA.get(x) ?? 0) || x.localeCompare(y));
  const ra = labels.map((l) => countsA.get(l) ?? 0);
  const rb = labels.map((l) => countsB.get(l) ?? 0);
  const histogram: DriftHistogram = { labels, reference: shares(ra), current: shares(rb) };
  return {
    kind: 'category',
    psi: populationStabilityIndex(ra, rb),
    chi2: chiSquareHomogeneity(ra, rb),
    referenceCount: ra.reduce((s, n) => s + n, 0),
    currentCount: rb.reduce((s, n) => s + n, 0),
    histogram,
  };
}

/** Non-missing values of a category or boolean column, counted by value. */
function categoryCounts(data: ColumnData): Map<string, number> {
  const counts = new Map<string, number>();
  if (data.type !== 'category' && data.type !== 'boolean') return counts;
  const perCode = new Float64Array(data.dictionary.length);
  for (const code of data.codes) if (code >= 0) perCode[code]++;
  data.dictionary.forEach((value, code) => {
    if (perCode[code] > 0) counts.set(value, (counts.get(value) ?? 0) + perCode[code]);
  });
  return counts;
}

function presentSorted(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v)).sort();
}

/**
 * Inner edges of `bins` equal-count bins of sorted values (the k/bins quantiles: the value at rank
 * ⌈k·n/bins⌉), duplicates removed so tied values never split across bins.
 */
export function quantileEdges(sorted: Float64Array, bins: number): number[] {
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.max(0, Math.ceil((k * sorted.length) / bins) - 1)];
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  if (edges[edges.length - 1] >= sorted[sorted.length - 1]) edges.pop();
  return edges;
}

/** Counts per bin: bin i holds values ≤ edges[i] (and > edges[i−1]); the last bin everything above. */
export function binCounts(values: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

function binLabels(sorted: Float64Array, edges: readonly number[], kind: DriftColumnKind): string[] {
  const show = (v: number) => (kind === 'date' ? new Date(v).toISOString().slice(0, 10) : fmt(v));
  if (sorted.length === 0) return ['all'];
  return Array.from({ length: edges.length + 1 }, (_, i) => (i === 0 ? `≤ ${show(edges[0] ?? sorted[sorted.length - 1])}` : i === edges.length ? `> ${show(edges[i - 1])}` : `${show(edges[i - 1])} – ${show(edges[i])}`));
}

function fmt(v: number): string {
  return Math.abs(v) >= 1000 ? Math.round(v).toString() : Number(v.toPrecision(3)).toString();
}

function pFmt(p: number): string {
  return p < 1e-4 ? '< 0.0001' : p.toPrecision(2);
}
