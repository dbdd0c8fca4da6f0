import type { QualityFinding } from '../../shared/insights/quality.ts';
import type { Column, Table } from '../../shared/table.ts';
import { counted, rowsFinding } from './finding.ts';
import { rowKeys, sameCells } from './row-hash.ts';

/**
 * Rows that repeat an earlier row in every column. Identifier columns (`ids`, see id-like.ts)
 * are left out of the comparison: a record entered twice usually gets two row ids, and is
 * still entered twice.
 */
export function findDuplicateRows(table: Table, ids: ReadonlySet<Column>): QualityFinding[] {
  const compared = table.columns.filter((c) => !ids.has(c));
  if (compared.length === 0 || table.rowCount < 2) return [];
  const keys = rowKeys(compared, table.rowCount);
  const first = new Map<number, number>();
  const repeats: number[] = [];
  const originals = new Set<number>();
  for (let r = 0; r < table.rowCount; r++) {
    const seen = first.get(keys[r]);
    if (seen === undefined) first.set(keys[r], r);
    else if (sameCells(compared, seen, r)) {
      repeats.push(r);
      originals.add(seen);
    }
  }
  if (repeats.length === 0) return [];
  const ignored = [...ids].map((c) => `"${c.name}"`);
  const message =
    `${counted(repeats.length, 'row repeats', 'rows repeat')} an earlier row exactly (${counted(originals.size, 'distinct row is', 'distinct rows are')} repeated)` +
    (ignored.length > 0 ? `, ignoring the id column${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')}.` : '.');
  return [rowsFinding(table, 'duplicate-rows', undefined, repeats, message)];
}
