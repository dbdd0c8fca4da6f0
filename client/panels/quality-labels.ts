import type { QualityExampleRow, QualityFindingKind } from '../../shared/insights/quality.ts';
import { formatCell } from '../encodings/format-cell.ts';

/** Headings of the finding groups, in the order the panel shows them. */
export const FINDING_GROUPS: { kind: QualityFindingKind; title: string }[] = [
  { kind: 'unparsed-values', title: 'Numbers or dates stored as text' },
  { kind: 'mixed-magnitudes', title: 'Mixed units' },
  { kind: 'duplicate-ids', title: 'Duplicated ids' },
  { kind: 'duplicate-rows', title: 'Duplicate rows' },
  { kind: 'outliers', title: 'Outliers (robust z > 5)' },
  { kind: 'constant', title: 'Constant columns' },
  { kind: 'missing', title: 'Missing values' },
];

/** "row 13 · Body Mass (g) 5.1 · Species Gentoo · Island Biscoe": the finding's column first, then a few others. */
export function exampleLine(example: QualityExampleRow, column: string | undefined, cells = 3): string {
  const names = Object.keys(example.values);
  const order = column !== undefined && names.includes(column) ? [column, ...names.filter((n) => n !== column)] : names;
  const shown = order.slice(0, cells).map((name) => `${name} ${formatCell(example.values[name])}`);
  return `row ${example.rowIndex + 1} · ${shown.join(' · ')}`;
}
