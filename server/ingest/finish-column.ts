import type { Column, ColumnData } from '../../shared/table.ts';
import type { IngestWarning } from './types.ts';
import { rangesFromIndices } from '../../shared/session/ranges.ts';
import type { ColumnBuilder } from './column-builder.ts';
import { booleanToken } from './cell-tokens.ts';
import { slashParts, unpackSlash } from './parse-date.ts';
import { isFlagName, isIdentifierName, isTextLike, MAX_IDENTIFIER_LENGTH, MAX_NON_NUMERIC_SHARE } from './column-rules.ts';

/**
 * Turns a streamed column into its final Table column: settles the type (number, boolean,
 * datetime, category, text) and the identifier flag, and says what it decided when the data
 * was not clean (stray words in a number column, ambiguous dates, an empty column).
 */
export function finishColumn(builder: ColumnBuilder, rowCount: number): { column: Column; warnings: IngestWarning[] } {
  builder.fillTo(rowCount);
  const warnings: IngestWarning[] = [];
  const name = builder.name;
  if (builder.mode === 'empty') {
    warnings.push({ code: 'empty_column', column: name, message: `Column "${name}" has no values.` });
    return { column: { name, identifier: false, data: { type: 'category', codes: new Int32Array(rowCount).fill(-1), dictionary: [] } }, warnings };
  }
  if (builder.mode !== 'string' && builder.exceptions.length > 0) {
    if (builder.exceptions.length <= MAX_NON_NUMERIC_SHARE * builder.present) {
      warnings.push(strayWordsWarning(builder));
    } else {
      builder.widenToString();
    }
  }
  if (builder.mode === 'number') return { column: finishNumbers(builder, rowCount), warnings };
  if (builder.mode === 'date') {
    const dates = finishDates(builder, warnings);
    if (dates) return { column: { name, identifier: false, data: { type: 'datetime', values: dates } }, warnings };
    builder.widenToString();
  }
  return { column: finishStrings(builder, rowCount), warnings };
}

function strayWordsWarning(builder: ColumnBuilder): IngestWarning {
  const counts = new Map<string, number>();
  for (const e of builder.exceptions) counts.set(e.text, (counts.get(e.text) ?? 0) + 1);
  const listed = [...counts].slice(0, 3).map(([text, n]) => `"${text}" ×${n}`).join(', ');
  const kind = builder.mode === 'date' ? 'dates' : 'numbers';
  const first = builder.exceptions[0].row + 1;
  return {
    code: 'non_numeric_values',
    column: builder.name,
    row: first,
    message: `Column "${builder.name}": ${builder.exceptions.length} value(s) are not ${kind} (${listed}${counts.size > 3 ? ', …' : ''}; first at row ${first}) and are treated as missing.`,
    count: builder.exceptions.length,
    rows: rangesFromIndices(builder.exceptions.map((e) => e.row)),
    examples: builder.exceptions.slice(0, 5).map((e) => ({ row: e.row, text: e.text })),
  };
}

function finishNumbers(builder: ColumnBuilder, rowCount: number): Column {
  const values = builder.values.toArray();
  const name = builder.name;
  if (builder.integersOnly && isFlagName(name) && values.every((v) => Number.isNaN(v) || v === 0 || v === 1)) {
    const codes = new Int32Array(rowCount);
    for (let i = 0; i < rowCount; i++) codes[i] = Number.isNaN(values[i]) ? -1 : values[i];
    return { name, identifier: false, data: { type: 'boolean', codes, dictionary: ['false', 'true'] } };
  }
  const identifier = builder.integersOnly && builder.present === rowCount && rowCount > 1 && isIntegerIdentifier(name, values);
  return { name, identifier, data: { type: 'number', values } };
}

/**
 * Unique integers are an identifier only when named like one or when they count through a
 * range (1..n, 1000..1000+n-1): measured quantities that merely happen to be unique are features.
 */
function isIntegerIdentifier(name: string, values: Float64Array): boolean {
  const sorted = values.slice().sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  return isIdentifierName(name) || sorted[sorted.length - 1] - sorted[0] === sorted.length - 1;
}

/** Epoch ms per row, or undefined when slash dates contradict each other (text after all). */
function finishDates(builder: ColumnBuilder, warnings: IngestWarning[]): Float64Array | undefined {
  if (builder.dateFamily !== 'slash') return builder.values.toArray();
  let firstOver12 = false;
  let secondOver12 = false;
  for (let i = 0; i < builder.length; i++) {
    const v = builder.values.get(i);
    if (Number.isNaN(v)) continue;
    const [a, b] = slashParts(v);
    if (a > 12) firstOver12 = true;
    if (b > 12) secondOver12 = true;
  }
  if (firstOver12 && secondOver12) return undefined;
  if (!firstOver12 && !secondOver12) {
    warnings.push({
      code: 'ambiguous_dates',
      column: builder.name,
      message: `Column "${builder.name}": dates like 01/02/2020 could be day-first or month-first; read as month/day/year.`,
    });
  }
  const out = builder.values.toArray();
  for (let i = 0; i < out.length; i++) if (!Number.isNaN(out[i])) out[i] = unpackSlash(out[i], firstOver12);
  return out;
}

function finishStrings(builder: ColumnBuilder, rowCount: number): Column {
  const name = builder.name;
  const codes = builder.codes.toArray();
  const dictionary = builder.dictionary;
  let present = 0;
  for (let i = 0; i < rowCount; i++) if (codes[i] >= 0) present++;
  const booleans = dictionary.map(booleanToken);
  if (booleans.every((b) => b !== undefined)) {
    for (let i = 0; i < rowCount; i++) if (codes[i] >= 0) codes[i] = booleans[codes[i]] ? 1 : 0;
    return { name, identifier: false, data: { type: 'boolean', codes, dictionary: ['false', 'true'] } };
  }
  let totalLength = 0;
  for (const s of dictionary) totalLength += s.length;
  const averageLength = dictionary.length === 0 ? 0 : totalLength / dictionary.length;
  const identifier = rowCount > 1 && present === rowCount && dictionary.length === rowCount && averageLength <= MAX_IDENTIFIER_LENGTH;
  let data: ColumnData;
  if (isTextLike(dictionary.length, present, averageLength)) {
    const values = new Array<string | null>(rowCount);
    for (let i = 0; i < rowCount; i++) values[i] = codes[i] < 0 ? null : dictionary[codes[i]];
    data = { type: 'text', values };
  } else {
    data = { type: 'category', codes, dictionary };
  }
  return { name, identifier, data };
}
