import type { QualityAlert, QualityRule } from '../../shared/insights/quality.ts';
import { isMissing, type Column, type Table } from '../../shared/table.ts';
import { describeRule } from '../../shared/insights/describe-rule.ts';
import { count, counted, quoted, readable } from './finding.ts';

/** A column's missing share moving by more than this (5 percentage points) is an alert. */
export const MISSING_SHARE_SHIFT = 0.05;
/** A numeric mean moving by more than this many of the previous version's standard deviations is an alert. */
export const MEAN_SHIFT_SD = 0.5;

/**
 * What a new version of a dataset broke relative to the one it replaces: rules it breaks more
 * than the previous version did (the rules are the previous version's, checked on both), columns
 * removed or added, a missing share or a mean that moved beyond the bounds above, categories
 * that did not exist before. Pure; both tables whole.
 */
export function versionAlerts(previous: Table, current: Table, previousRules: readonly QualityRule[], currentRules: readonly QualityRule[]): QualityAlert[] {
  const alerts: QualityAlert[] = [];
  for (const rule of currentRules) {
    const before = previousRules.find((r) => r.id === rule.id)?.violations ?? 0;
    if (rule.violations > before) {
      alerts.push({ kind: 'rule-violated', column: rule.column, message: `Rule "${describeRule(rule)}" is broken by ${counted(rule.violations, 'row', 'rows')} (${count(before)} in the previous version).` });
    }
  }
  const byName = new Map(current.columns.map((c) => [c.name, c]));
  const oldNames = new Set(previous.columns.map((c) => c.name));
  for (const old of previous.columns) {
    const now = byName.get(old.name);
    if (!now) {
      alerts.push({ kind: 'column-removed', column: old.name, message: `Column "${old.name}" is gone in this version.` });
      continue;
    }
    const shareBefore = missingShare(old, previous.rowCount);
    const shareNow = missingShare(now, current.rowCount);
    if (Math.abs(shareNow - shareBefore) > MISSING_SHARE_SHIFT) {
      alerts.push({ kind: 'missing-share-moved', column: old.name, message: `${old.name}: ${pct(shareNow)} of values are missing, ${pct(shareBefore)} before.` });
    }
    if (old.data.type === 'number' && now.data.type === 'number') {
      const before = meanAndSd(old.data.values);
      const after = meanAndSd(now.data.values);
      if (before && after && before.sd > 0 && Math.abs(after.mean - before.mean) > MEAN_SHIFT_SD * before.sd) {
        const shift = (after.mean - before.mean) / before.sd;
        alerts.push({ kind: 'mean-moved', column: old.name, message: `${old.name}: the mean moved from ${readable(before.mean)} to ${readable(after.mean)} (${shift > 0 ? '+' : ''}${shift.toFixed(1)} sd of the previous version).` });
      }
    }
    const fresh = newCategories(old, now, previous.rowCount, current.rowCount);
    if (fresh.values.length > 0) {
      alerts.push({ kind: 'new-category', column: old.name, message: `${old.name}: ${fresh.values.length === 1 ? 'a new value appeared' : `${fresh.values.length} new values appeared`} (${quoted(fresh.values)}), in ${counted(fresh.rows, 'row', 'rows')}.` });
    }
  }
  for (const c of current.columns) {
    if (!oldNames.has(c.name)) alerts.push({ kind: 'column-added', column: c.name, message: `Column "${c.name}" is new in this version.` });
  }
  return alerts;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

function missingShare(column: Column, rowCount: number): number {
  if (rowCount === 0) return 0;
  let m = 0;
  for (let r = 0; r < rowCount; r++) if (isMissing(column.data, r)) m++;
  return m / rowCount;
}

function meanAndSd(values: Float64Array): { mean: number; sd: number } | undefined {
  let n = 0;
  let sum = 0;
  for (const v of values) if (!Number.isNaN(v)) (n++, (sum += v));
  if (n < 2) return undefined;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** Category values present in the new version and absent from the old, with the rows holding them. */
function newCategories(old: Column, now: Column, oldRows: number, newRows: number): { values: string[]; rows: number } {
  if ((old.data.type !== 'category' && old.data.type !== 'boolean') || (now.data.type !== 'category' && now.data.type !== 'boolean')) return { values: [], rows: 0 };
  const before = new Set<string>();
  for (let r = 0; r < oldRows; r++) if (old.data.codes[r] >= 0) before.add(old.data.dictionary[old.data.codes[r]]);
  const fresh = new Set<string>();
  let rows = 0;
  for (let r = 0; r < newRows; r++) {
    const c = now.data.codes[r];
    if (c < 0) continue;
    const v = now.data.dictionary[c];
    if (!before.has(v)) {
      fresh.add(v);
      rows++;
    }
  }
  return { values: [...fresh], rows };
}
