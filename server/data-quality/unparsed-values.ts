import type { QualityFinding } from '../../shared/insights/quality.ts';
import type { Table, Column } from '../../shared/table.ts';
import { parseDate } from '../ingest/parse-date.ts';
import { parseNumber } from '../ingest/parse-number.ts';
import { counted, percent, quoted, rowsFinding } from './finding.ts';
import type { StrayCells } from './stray-cells.ts';

/** A text column whose present values parse as numbers (or dates) at least this often is "mostly numeric". */
export const MOSTLY_PARSED_SHARE = 0.8;

/**
 * Numbers or dates stored as text, two ways round: a number/date column that read a few stray
 * words as missing (the import kept their rows), and a text column that is mostly numbers or
 * dates but has too many words for the import to keep it numeric.
 */
export function findUnparsedValues(table: Table, stray: StrayCells): QualityFinding[] {
  const findings: QualityFinding[] = [];
  for (const column of table.columns) {
    const fromImport = stray.get(column.name);
    if (fromImport && (column.data.type === 'number' || column.data.type === 'datetime')) {
      const rows = Array.from(fromImport.rows);
      const kind = column.data.type === 'number' ? 'numbers' : 'dates';
      const texts = rows.flatMap((r) => fromImport.texts.get(r) ?? []);
      const message = `${column.name}: ${counted(rows.length, 'value is', 'values are')} not ${kind} (${quoted(texts)}) and ${rows.length === 1 ? 'was' : 'were'} read as missing.`;
      findings.push(rowsFinding(table, 'unparsed-values', column.name, rows, message, { column: column.name, text: (r) => fromImport.texts.get(r) }));
      continue;
    }
    const mostly = mostlyParsed(table, column);
    if (mostly) findings.push(mostly);
  }
  return findings;
}

function mostlyParsed(table: Table, column: Column): QualityFinding | undefined {
  const rowCount = table.rowCount;
  const data = column.data;
  if (data.type !== 'category' && data.type !== 'text') return undefined;
  const textAt = (r: number): string | null => (data.type === 'text' ? data.values[r] : data.codes[r] < 0 ? null : data.dictionary[data.codes[r]]);
  // Classify each distinct text once: a category column of 250k rows has few of them.
  const verdicts = new Map<string, 'number' | 'date' | 'other'>();
  const verdictOf = (text: string) => {
    let v = verdicts.get(text);
    if (v === undefined) {
      const t = text.trim();
      v = !Number.isNaN(parseNumber(t, '.')) || !Number.isNaN(parseNumber(t, ',')) ? 'number' : parseDate(t) ? 'date' : 'other';
      verdicts.set(text, v);
    }
    return v;
  };
  let present = 0;
  for (let r = 0; r < rowCount; r++) if (textAt(r) !== null) present++;
  if (present === 0) return undefined;
  // Neither kind can reach the share once more than the rest have failed it: stop early (free text).
  const room = (1 - MOSTLY_PARSED_SHARE) * present;
  let numbers = 0;
  let dates = 0;
  let others = 0;
  for (let r = 0; r < rowCount; r++) {
    const text = textAt(r);
    if (text === null) continue;
    const v = verdictOf(text);
    if (v === 'number') numbers++;
    else if (v === 'date') dates++;
    else others++;
    if (others + Math.min(numbers, dates) > room) return undefined;
  }
  const kind = numbers >= dates ? 'number' : 'date';
  const parsed = Math.max(numbers, dates);
  if (parsed < MOSTLY_PARSED_SHARE * present || parsed === present) return undefined;
  const rows: number[] = [];
  for (let r = 0; r < rowCount; r++) {
    const text = textAt(r);
    if (text !== null && verdictOf(text) !== kind) rows.push(r);
  }
  const words = rows.slice(0, 50).map((r) => textAt(r)!);
  const message = `${column.name}: ${percent(parsed, present)} of its values are ${kind}s but ${counted(rows.length, 'is', 'are')} not (${quoted(words)}), so the column is read as text.`;
  return rowsFinding(table, 'unparsed-values', column.name, rows, message);
}
