import type { QualityFinding } from '../../shared/insights/quality.ts';
import type { Table } from '../../shared/table.ts';
import { counted, readable, rowsFinding } from './finding.ts';
import { medianAndMad, presentSorted } from './robust-stats.ts';

/** |x − median| / (1.4826 · MAD) above this is an outlier. */
export const ROBUST_Z_LIMIT = 5;
/** MAD × this estimates the standard deviation of normally distributed values. */
const MAD_TO_SD = 1.4826;
const MIN_PRESENT = 10;

/**
 * Values far from the bulk of a number column by the robust z-score, which the outliers
 * themselves cannot inflate (a plain z-score can: one 1,000,000 hides itself). Skipped: id
 * columns, columns with MAD 0 (more than half the values equal; the constant check speaks of
 * them) and the columns in `skip` (those that mix magnitudes, whose small-unit values would all
 * be "outliers"). Examples are the most extreme values first.
 */
export function findOutliers(table: Table, skip: ReadonlySet<string>): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const column of table.columns) {
    const data = column.data;
    if (data.type !== 'number' || column.identifier || skip.has(column.name)) continue;
    const sorted = presentSorted(data.values);
    if (sorted.length < MIN_PRESENT) continue;
    const { median, mad } = medianAndMad(sorted);
    if (mad === 0) continue;
    const scale = MAD_TO_SD * mad;
    const rows: number[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      const v = data.values[r];
      if (!Number.isNaN(v) && Math.abs(v - median) / scale > ROBUST_Z_LIMIT) rows.push(r);
    }
    if (rows.length === 0) continue;
    const extreme = [...rows].sort((a, b) => Math.abs(data.values[b] - median) - Math.abs(data.values[a] - median));
    const low = median - ROBUST_Z_LIMIT * scale;
    const high = median + ROBUST_Z_LIMIT * scale;
    const message = `${column.name}: ${counted(rows.length, 'value lies', 'values lie')} more than ${ROBUST_Z_LIMIT} robust standard deviations from the median ${readable(median)} (outside ${readable(low)} … ${readable(high)}), e.g. ${extreme.slice(0, 3).map((r) => readable(data.values[r])).join(', ')}.`;
    const finding = rowsFinding(table, 'outliers', column.name, extreme, message);
    findings.push(finding);
  }
  return findings;
}
