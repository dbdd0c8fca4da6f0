import type { QualityRuleInput } from '../../../shared/insights/quality.ts';
import { cellValue, isMissing, type Column } from '../../../shared/table.ts';
import { RuleError } from './rule-error.ts';
import { compileSafePattern, PATTERN_BUDGET_MS } from './safe-pattern.ts';

/**
 * The rows (0-based, ascending) of one column that break a rule. Missing cells break only
 * not-null: "unique", "range", "allowed values" and "pattern" speak of the values present.
 * `now` is the clock the pattern budget reads (injectable for tests).
 */
export function violatingRows(rule: QualityRuleInput, column: Column, rowCount: number, now: () => number = performance.now.bind(performance)): number[] {
  const data = column.data;
  const rows: number[] = [];
  switch (rule.kind) {
    case 'not-null':
      for (let r = 0; r < rowCount; r++) if (isMissing(data, r)) rows.push(r);
      return rows;
    case 'unique': {
      const seen = new Map<string | number | boolean, number>();
      const repeated = new Set<string | number | boolean>();
      for (let r = 0; r < rowCount; r++) {
        const v = cellValue(data, r);
        if (v === null) continue;
        if (seen.has(v)) repeated.add(v);
        else seen.set(v, r);
      }
      // Every row holding a repeated value breaks uniqueness, the first one too.
      for (let r = 0; r < rowCount; r++) {
        const v = cellValue(data, r);
        if (v !== null && repeated.has(v)) rows.push(r);
      }
      return rows;
    }
    case 'range': {
      // A new version may have turned the column into text: then no present value is in range.
      if (data.type !== 'number') {
        for (let r = 0; r < rowCount; r++) if (!isMissing(data, r)) rows.push(r);
        return rows;
      }
      const min = rule.min ?? -Infinity;
      const max = rule.max ?? Infinity;
      for (let r = 0; r < rowCount; r++) {
        const v = data.values[r];
        if (!Number.isNaN(v) && (v < min || v > max)) rows.push(r);
      }
      return rows;
    }
    case 'allowed-values': {
      const allowed = new Set(rule.values);
      for (let r = 0; r < rowCount; r++) {
        const v = cellValue(data, r);
        if (v !== null && !allowed.has(String(v))) rows.push(r);
      }
      return rows;
    }
    case 'pattern': {
      const regex = compileSafePattern(rule.pattern);
      // Each distinct text is tested once; the budget is read between tests.
      const verdicts = new Map<string, boolean>();
      const start = now();
      for (let r = 0; r < rowCount; r++) {
        const v = cellValue(data, r);
        if (v === null) continue;
        const text = String(v);
        let ok = verdicts.get(text);
        if (ok === undefined) {
          if ((verdicts.size & 63) === 0 && now() - start > PATTERN_BUDGET_MS) {
            throw new RuleError('pattern_too_slow', `The pattern takes too long to check on "${column.name}" (over ${PATTERN_BUDGET_MS / 1000} s); make it simpler.`);
          }
          ok = regex.test(text);
          verdicts.set(text, ok);
        }
        if (!ok) rows.push(r);
      }
      return rows;
    }
  }
}
