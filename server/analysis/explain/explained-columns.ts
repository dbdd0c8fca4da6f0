import type { FeatureEncoding } from '../../../shared/analysis-result.ts';
import type { Column, Table } from '../../../shared/table.ts';

/**
 * The columns traits are drawn from: every feature, and every category or boolean even when it
 * was not a feature (a cluster can be "mostly Gentoo" although species was left out).
 */
export function explainedColumns(table: Table, encodings: readonly Pick<FeatureEncoding, 'column'>[]): Column[] {
  const features = new Set(encodings.map((e) => e.column));
  // Free text is explained by its words (describeWords), not as a column of values.
  return table.columns.filter((c) => c.data.type !== 'text' && (features.has(c.name) || c.data.type === 'category' || c.data.type === 'boolean'));
}
