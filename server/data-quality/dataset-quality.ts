import type { IngestWarningJson } from '../../shared/api-types.ts';
import type { QualityAlert, QualityFinding, QualityReport } from '../../shared/insights/quality.ts';
import type { Table } from '../../shared/table.ts';
import { findQualityIssues } from './find-all.ts';
import { checkRules, type StoredRule } from './rules/check-rules.ts';
import { RuleError } from './rules/rule-error.ts';
import { versionAlerts } from './version-alerts.ts';

/** What is kept with a dataset (quality.json): the findings computed once, and the comparison with the version it replaced. */
export interface StoredQuality {
  findings: QualityFinding[];
  replaces?: NonNullable<QualityReport['replaces']>;
}

/** The version a new upload replaces: its table and rules, read by the caller. */
export interface PreviousVersion {
  datasetId: string;
  name: string;
  createdAt: string;
  table: Table;
  rules: readonly StoredRule[];
}

/**
 * A dataset's quality at import: its findings, and when it replaces an earlier version, that
 * version's rules (copied, same ids) and the alerts of what this version broke. Pure.
 */
export function datasetQuality(table: Table, warnings: readonly IngestWarningJson[], previous?: PreviousVersion): { quality: StoredQuality; rules: StoredRule[] } {
  const findings = findQualityIssues(table, warnings);
  if (!previous) return { quality: { findings }, rules: [] };
  const rules = previous.rules.map((r) => ({ ...r }));
  const alerts = alertsOrWhyNot(previous.table, table, previous.rules, rules);
  return { quality: { findings, replaces: { datasetId: previous.datasetId, name: previous.name, createdAt: previous.createdAt, alerts } }, rules };
}

/** The alerts; a rule that cannot be checked on the new data (a pattern over its time budget) is said as one, not a failed import. */
function alertsOrWhyNot(previous: Table, current: Table, previousRules: readonly StoredRule[], rules: readonly StoredRule[]): QualityAlert[] {
  try {
    return versionAlerts(previous, current, checkRules(previousRules, previous), checkRules(rules, current));
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return [{ kind: 'rule-violated', message: `The rules could not be checked on this version: ${error.message}` }, ...versionAlerts(previous, current, [], [])];
  }
}
