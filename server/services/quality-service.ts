import { describeRule } from '../../shared/insights/describe-rule.ts';
import type { QualityAnalysisEffect, QualityExampleRow, QualityFinding, QualityReport, QualityRule } from '../../shared/insights/quality.ts';
import { indicesFromRanges } from '../../shared/session/ranges.ts';
import type { AnalysisDescription } from '../../shared/api-types.ts';
import type { Table } from '../../shared/table.ts';
import type { StoredQuality } from '../data-quality/dataset-quality.ts';
import { exampleRows, MAX_EXAMPLES } from '../data-quality/finding.ts';
import { checkRules, type StoredRule } from '../data-quality/rules/check-rules.ts';
import { parseRuleInput } from '../data-quality/rules/rule-input.ts';
import { runQualityWorker } from '../jobs/run-quality-worker.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import { StoreError } from '../store/errors.ts';
import { newId } from '../store/ids.ts';
import { readQualityFile, readRulesFile, writeQualityFile, writeRulesFile } from '../store/quality-files.ts';

/** At most this many rules per dataset: each is checked on every read of the report. */
export const MAX_RULES = 50;

/**
 * A dataset's quality report and rules, kept in its directory. The findings were computed at
 * import (in the ingest worker); a dataset imported before that gets them once, on the first
 * request, in a worker, and stored. Rules are checked against the data on every read (only
 * their columns are read). Changes to one dataset's rules run one after another.
 */
export class QualityService {
  private readonly pendingFindings = new Map<string, Promise<StoredQuality>>();
  private readonly ruleWrites = new Map<string, Promise<unknown>>();

  constructor(private readonly datasets: DatasetCatalog) {}

  async report(datasetId: string, analysis?: AnalysisDescription): Promise<QualityReport> {
    const detail = this.datasets.get(datasetId);
    const stored = await this.stored(datasetId);
    const rules = await this.checkedRules(datasetId, await readRulesFile(this.datasets.dir(datasetId)));
    const effect = analysis && analysisEffect(analysis);
    return {
      datasetId,
      rowCount: detail.rowCount,
      findings: [...stored.findings, ...(await this.ruleFindings(datasetId, rules))],
      rules,
      ...(stored.replaces ? { replaces: stored.replaces } : {}),
      ...(effect ? { analysis: effect } : {}),
    };
  }

  /** Checks the rule against the data, keeps it, and answers it with its violations. */
  addRule(datasetId: string, body: unknown): Promise<QualityRule> {
    const detail = this.datasets.get(datasetId);
    const input = parseRuleInput(body, detail.columns);
    return this.serially(datasetId, async () => {
      const dir = this.datasets.dir(datasetId);
      const rules = await readRulesFile(dir);
      if (rules.length >= MAX_RULES) throw new StoreError('conflict', `This dataset already has ${MAX_RULES} rules, the most it may have; delete one first.`);
      const rule: StoredRule = { ...input, id: newId(), createdAt: Date.now() };
      // Checked before it is kept: a pattern too slow on this data is refused, not stored.
      const [checked] = await this.checkedRules(datasetId, [rule]);
      await writeRulesFile(dir, [...rules, rule]);
      return checked;
    });
  }

  deleteRule(datasetId: string, ruleId: string): Promise<void> {
    this.datasets.get(datasetId);
    return this.serially(datasetId, async () => {
      const dir = this.datasets.dir(datasetId);
      const rules = await readRulesFile(dir);
      if (!rules.some((r) => r.id === ruleId)) throw new StoreError('not_found', `This dataset has no rule with id "${ruleId}".`);
      await writeRulesFile(dir, rules.filter((r) => r.id !== ruleId));
    });
  }

  private async stored(datasetId: string): Promise<StoredQuality> {
    const dir = this.datasets.dir(datasetId);
    const stored = await readQualityFile(dir);
    if (stored) return stored;
    // Imported before the report existed: compute it once (concurrent requests share the run).
    let pending = this.pendingFindings.get(datasetId);
    if (!pending) {
      const detail = this.datasets.get(datasetId);
      pending = runQualityWorker({ dir, rowCount: detail.rowCount, columns: detail.columns.map((c) => ({ name: c.name, type: c.type, identifier: c.identifier })), warnings: detail.warnings })
        .then(async (quality) => {
          await writeQualityFile(dir, quality);
          return quality;
        })
        .finally(() => this.pendingFindings.delete(datasetId));
      this.pendingFindings.set(datasetId, pending);
    }
    return pending;
  }

  /** The rules with their violations, reading only the columns they name. */
  private async checkedRules(datasetId: string, rules: readonly StoredRule[]): Promise<QualityRule[]> {
    if (rules.length === 0) return [];
    const detail = this.datasets.get(datasetId);
    const names = new Set(rules.map((r) => r.column));
    const table: Table = await this.datasets.readRows(datasetId, 0, detail.rowCount, (name) => names.has(name));
    return checkRules(rules, table);
  }

  /** A finding of kind `rule` per broken rule, so whoever reads only the findings sees them too. */
  private async ruleFindings(datasetId: string, rules: readonly QualityRule[]): Promise<QualityFinding[]> {
    const findings: QualityFinding[] = [];
    for (const rule of rules) {
      if (rule.violations === 0) continue;
      const first = Array.from(indicesFromRanges(rule.violatingRows.slice(0, 2 * MAX_EXAMPLES)).subarray(0, MAX_EXAMPLES));
      const examples: QualityExampleRow[] = [];
      for (const row of first) {
        const [example] = exampleRows(await this.datasets.readRows(datasetId, row, row + 1), [0]);
        examples.push({ ...example, rowIndex: row });
      }
      findings.push({
        kind: 'rule',
        column: rule.column,
        count: rule.violations,
        examples,
        message: `Rule "${describeRule(rule)}" is broken by ${rule.violations.toLocaleString('en-US')} row${rule.violations === 1 ? '' : 's'}.`,
        rows: rule.violatingRows,
      });
    }
    return findings;
  }

  private serially<T>(datasetId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.ruleWrites.get(datasetId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.ruleWrites.set(datasetId, settled);
    void settled.then(() => {
      if (this.ruleWrites.get(datasetId) === settled) this.ruleWrites.delete(datasetId);
    });
    return next;
  }
}

function analysisEffect(analysis: AnalysisDescription): QualityAnalysisEffect | undefined {
  const result = analysis.result;
  if (!result) return undefined;
  return {
    analysisId: analysis.id,
    missing: result.params.missing,
    droppedRows: result.droppedRows,
    imputedCells: result.imputedCells,
    byColumn: result.missingByColumn ?? [],
  };
}
