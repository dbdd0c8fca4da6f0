import type { QualityFinding } from '../../shared/insights/quality.ts';
import type { Table } from '../../shared/table.ts';
import { counted, readable, rowsFinding } from './finding.ts';
import { medianSorted } from './robust-stats.ts';

/** The two groups' typical values (medians) must be at least this many orders of magnitude apart. */
export const MIN_ORDERS_APART = 2.5;
/** …and separated by an empty stretch of at least one order of magnitude (a clear bimodality). */
export const MIN_EMPTY_ORDERS = 1;
/** Each group holds at least this share of the positive values (and at least 3 of them). */
export const MIN_GROUP_SHARE = 0.01;
const MIN_POSITIVE = 20;

/**
 * A positive quantity recorded in two units (grams and kilograms, metres and millimetres) shows
 * as two clumps in log10 with nothing between them. The test: sort log10 of the positive values,
 * split at the widest empty gap; a finding when the gap is ≥ 1 order wide, both sides hold ≥ 1%
 * of the values, and their medians are ≥ 2.5 orders apart. Columns with negative values are
 * skipped (signed quantities are not unit mix-ups of this kind); zeros are ignored. The rows of
 * the smaller group are reported: those are the ones probably in the other unit.
 */
export function findMixedMagnitudes(table: Table): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const column of table.columns) {
    const data = column.data;
    if (data.type !== 'number' || column.identifier) continue;
    let negative = false;
    const positive = new Float64Array(table.rowCount);
    let n = 0;
    for (let r = 0; r < table.rowCount && !negative; r++) {
      const v = data.values[r];
      if (v < 0) negative = true;
      if (v > 0) positive[n++] = v;
    }
    if (negative || n < MIN_POSITIVE) continue;
    // log10 is monotone: sort the values, then take logs.
    const sorted = positive.subarray(0, n).sort();
    for (let i = 0; i < n; i++) sorted[i] = Math.log10(sorted[i]);
    const split = widest(sorted);
    if (split === 0) continue;
    const minGroup = Math.max(3, Math.ceil(MIN_GROUP_SHARE * sorted.length));
    const lower = sorted.subarray(0, split);
    const upper = sorted.subarray(split);
    if (lower.length < minGroup || upper.length < minGroup) continue;
    if (sorted[split] - sorted[split - 1] < MIN_EMPTY_ORDERS) continue;
    const lowMedian = medianSorted(lower);
    const highMedian = medianSorted(upper);
    const apart = highMedian - lowMedian;
    if (apart < MIN_ORDERS_APART) continue;
    const minorityIsLow = lower.length <= upper.length;
    const boundary = 10 ** ((sorted[split - 1] + sorted[split]) / 2);
    const rows: number[] = [];
    for (let r = 0; r < table.rowCount; r++) {
      const v = data.values[r];
      if (v > 0 && (minorityIsLow ? v < boundary : v > boundary)) rows.push(r);
    }
    const [few, many] = minorityIsLow ? [lowMedian, highMedian] : [highMedian, lowMedian];
    const message = `${column.name} mixes two magnitudes, around ${readable(10 ** few)} and around ${readable(10 ** many)} (${apart.toFixed(1)} orders apart, nothing in between): the ${counted(rows.length, 'value', 'values')} around ${readable(10 ** few)} may be in another unit (kg vs g?).`;
    findings.push(rowsFinding(table, 'mixed-magnitudes', column.name, rows, message));
  }
  return findings;
}

/** Index i of the widest gap between sorted[i − 1] and sorted[i] (0 when all values are equal). */
function widest(sorted: Float64Array): number {
  let best = 0;
  let width = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i] - sorted[i - 1];
    if (gap > width) {
      width = gap;
      best = i;
    }
  }
  return best;
}
