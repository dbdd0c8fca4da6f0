import type { QualityFinding } from '../../shared/insights/quality.ts';
import { cellValue, type Column, type Table } from '../../shared/table.ts';
import { count, exampleRows, percent } from './finding.ts';
import { presentSorted } from './robust-stats.ts';

/** A column whose most frequent value holds at least this share of its present values is near-constant. */
export const NEAR_CONSTANT_SHARE = 0.95;
/** Below this many present values a dominant value says little: no near-constant finding. */
const MIN_PRESENT = 20;

/**
 * Constant columns (one distinct value) and near-constant ones (one value in ≥ 95% of the
 * present cells). Every row is counted, none sampled: a sort per number column and a count per
 * category keep 250k rows quick. The examples of a near-constant column are rows that differ.
 */
export function findConstantColumns(table: Table): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const column of table.columns) {
    const dominant = dominantValue(column, table.rowCount);
    if (!dominant || dominant.present === 0) continue;
    const { row, hits, present } = dominant;
    const shown = JSON.stringify(cellValue(column.data, row));
    if (hits === present) {
      findings.push({
        kind: 'constant',
        column: column.name,
        count: hits,
        examples: exampleRows(table, [row]),
        message: `${column.name} holds one value only (${shown}${present < table.rowCount ? ` in every present cell` : ''}): it cannot tell rows apart.`,
      });
    } else if (present >= MIN_PRESENT && hits >= NEAR_CONSTANT_SHARE * present) {
      const others: number[] = [];
      for (let r = 0; r < table.rowCount && others.length < 5; r++) {
        if (cellValue(column.data, r) !== null && !sameValue(column, r, row)) others.push(r);
      }
      findings.push({
        kind: 'constant',
        column: column.name,
        count: hits,
        examples: exampleRows(table, others),
        message: `${column.name} is nearly constant: ${percent(hits, present)} of its values are ${shown} (${count(hits)} of ${count(present)}).`,
      });
    }
  }
  return findings;
}

/** The most frequent present value (a row holding it), how often it occurs, and the present count. */
function dominantValue(column: Column, rowCount: number): { row: number; hits: number; present: number } | undefined {
  const data = column.data;
  if (data.type === 'number' || data.type === 'datetime') {
    const sorted = presentSorted(data.values);
    let best = { value: NaN, hits: 0 };
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      if (j - i > best.hits) best = { value: sorted[i], hits: j - i };
      i = j;
    }
    if (best.hits === 0) return { row: -1, hits: 0, present: 0 };
    return { row: data.values.indexOf(best.value), hits: best.hits, present: sorted.length };
  }
  if (data.type === 'text') {
    const counts = new Map<string, { row: number; hits: number }>();
    let present = 0;
    for (let r = 0; r < rowCount; r++) {
      const s = data.values[r];
      if (s === null) continue;
      present++;
      const entry = counts.get(s);
      if (entry) entry.hits++;
      else counts.set(s, { row: r, hits: 1 });
    }
    let best = { row: -1, hits: 0 };
    for (const entry of counts.values()) if (entry.hits > best.hits) best = entry;
    return { ...best, present };
  }
  const hits = new Int32Array(data.dictionary.length);
  const firstRow = new Int32Array(data.dictionary.length).fill(-1);
  let present = 0;
  for (let r = 0; r < rowCount; r++) {
    const c = data.codes[r];
    if (c < 0) continue;
    present++;
    if (hits[c]++ === 0) firstRow[c] = r;
  }
  let best = 0;
  for (let c = 1; c < hits.length; c++) if (hits[c] > hits[best]) best = c;
  return hits.length === 0 ? undefined : { row: firstRow[best], hits: hits[best], present };
}

function sameValue(column: Column, r1: number, r2: number): boolean {
  const data = column.data;
  if (data.type === 'number' || data.type === 'datetime') return data.values[r1] === data.values[r2];
  if (data.type === 'text') return data.values[r1] === data.values[r2];
  return data.codes[r1] === data.codes[r2];
}
