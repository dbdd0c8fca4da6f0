import type { ClusterDescription } from '../../shared/analysis-result.ts';
import type { DatasetDetail } from '../../shared/api-types.ts';
import type { ColumnProfile, NumericProfile } from '../../shared/profile.ts';

/** A round number near `v` (two significant digits), written plainly so the question reads as typed. */
function roundish(v: number): string {
  if (v === 0) return '0';
  const step = 10 ** (Math.floor(Math.log10(Math.abs(v))) - 1);
  const rounded = Math.round(v / step) * step;
  return String(Number(rounded.toPrecision(2)));
}

/**
 * Three questions built from this dataset's own columns and clusters, shown under the empty
 * question box so a newcomer sees what can be asked: a filter on the column that sets a cluster
 * apart most (beyond its upper or lower quartile, with the category that cluster mostly has, so
 * the filter finds rows), what sets the largest cluster apart, and missing values (or, when
 * nothing is missing, unusual rows in another column).
 */
export function exampleQuestions(columns: DatasetDetail['columns'], clusters: readonly ClusterDescription[]): string[] {
  const profiles: ColumnProfile[] = columns.filter((c) => !c.identifier).map((c) => c.profile);
  const numeric = profiles.filter((p): p is NumericProfile => p.type === 'number' && p.quantiles !== null);
  const out: string[] = [];
  const strongest = clusters
    .flatMap((cluster) => cluster.traits.filter((t) => t.kind !== 'mostly' && numeric.some((p) => p.name === t.column)).map((trait) => ({ cluster, trait })))
    .sort((a, b) => Math.abs(b.trait.effect) - Math.abs(a.trait.effect))[0];
  const measured = numeric.find((p) => p.name === strongest?.trait.column) ?? numeric[0];
  if (measured?.quantiles) {
    const lower = strongest?.trait.kind === 'lower';
    const bound = lower ? `below ${roundish(measured.quantiles.p25)}` : `above ${roundish(measured.quantiles.p75)}`;
    const mostly = strongest?.cluster.traits.find((t) => t.kind === 'mostly' && t.value !== undefined);
    out.push(`show rows where ${measured.name} is ${bound}${mostly ? ` and ${mostly.column} is ${mostly.value}` : ''}`);
  }
  const largest = [...clusters].filter((c) => c.id >= 0).sort((a, b) => b.size - a.size || a.id - b.id)[0];
  // Clusters are named 1-based everywhere (clusterName: C1 is id 0), so a reader asks for "cluster 1".
  if (largest && clusters.length > 1) out.push(`what makes cluster ${largest.id + 1} different?`);
  const missing = [...profiles].filter((p) => p.missing > 0).sort((a, b) => b.missing - a.missing)[0];
  const other = numeric.find((p) => p !== measured);
  if (missing) out.push(`how many rows have missing ${missing.name}?`);
  else if (other) out.push(`which rows are unusual in ${other.name}?`);
  return out;
}
