import type { QualityRule, QualityRuleInput } from '../../../shared/insights/quality.ts';
import { rangesFromIndices } from '../../../shared/session/ranges.ts';
import type { Table } from '../../../shared/table.ts';
import { violatingRows } from './check-rule.ts';

/** A rule as kept with its dataset (without results: those are computed against the data). */
export type StoredRule = QualityRuleInput & { id: string; createdAt: number };

/**
 * Each rule checked against the table: its violations and their rows as ranges. A rule whose
 * column the table lacks (a new version dropped it) is broken by every row.
 */
export function checkRules(rules: readonly StoredRule[], table: Table): QualityRule[] {
  return rules.map((rule) => {
    const column = table.columns.find((c) => c.name === rule.column);
    const rows = column ? violatingRows(rule, column, table.rowCount) : [];
    const violating = column ? rangesFromIndices(rows) : table.rowCount > 0 ? [0, table.rowCount] : [];
    return { ...rule, violations: column ? rows.length : table.rowCount, violatingRows: violating };
  });
}
