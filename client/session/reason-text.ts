import type { AnomalyReason } from '../../shared/analysis-result.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';

/**
 * Why a row is unusual, in one phrase: the analysis's own words with units ("body mass 6,300 g
 * vs 4,190 g typically (z = 3.1)") when it gave them, else the value with its z-score or its
 * category's share (analyses stored before reasons had words).
 */
export function reasonText(r: AnomalyReason): string {
  if (r.text) return r.text;
  const value = typeof r.value === 'number' ? formatNumber(r.value) : r.value;
  const why = r.z !== undefined ? ` (z ${r.z.toFixed(1)})` : r.share !== undefined ? ` (${(r.share * 100).toFixed(1)}% of rows)` : '';
  return `${r.column} = ${value}${why}`;
}
