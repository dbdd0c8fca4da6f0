import type { IngestWarningJson } from '../../shared/api-types.ts';
import type { QualityFinding } from '../../shared/insights/quality.ts';
import type { Table } from '../../shared/table.ts';
import { findConstantColumns } from './constant.ts';
import { findDuplicateIds } from './duplicate-ids.ts';
import { findDuplicateRows } from './duplicate-rows.ts';
import { looksLikeIdentifier } from './id-like.ts';
import { findMissing } from './missing.ts';
import { findMixedMagnitudes } from './mixed-magnitudes.ts';
import { findOutliers } from './outliers.ts';
import { strayCellsFrom } from './stray-cells.ts';
import { findUnparsedValues } from './unparsed-values.ts';

/**
 * Every check of a dataset's quality report, in a fixed order (kinds as in the contract), over
 * the stored table and the import's warnings. Pure: no I/O; each check is O(rows · log rows) per
 * column, so 250k rows take well under a second or two and nothing is sampled.
 */
export function findQualityIssues(table: Table, warnings: readonly IngestWarningJson[]): QualityFinding[] {
  const stray = strayCellsFrom(warnings);
  const mixed = findMixedMagnitudes(table);
  const ids = new Set(table.columns.filter((c) => looksLikeIdentifier(c, table.rowCount)));
  return [
    ...findMissing(table, stray),
    ...findDuplicateRows(table, ids),
    ...findConstantColumns(table),
    ...findUnparsedValues(table, stray),
    ...findOutliers(table, new Set(mixed.map((f) => f.column!))),
    ...findDuplicateIds(table, ids),
    ...mixed,
  ];
}
