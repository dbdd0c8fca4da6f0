import Papa from 'papaparse';
import { uniqueColumnNames } from './column-names.ts';
import { decodeText, type DecodeStats } from './decode-text.ts';
import { detectDelimiter, detectNewline, type Delimiter } from './detect-layout.ts';
import { IngestError } from './errors.ts';
import type { DecimalSeparator } from './parse-number.ts';
import { TableBuilder } from './table-builder.ts';
import { INGEST_DEFAULTS, type IngestLimits, type IngestResult, type IngestSource } from './types.ts';

/**
 * CSV / TSV / semicolon files, streamed: decoded text goes through papaparse's low-level
 * Parser chunk by chunk (the incomplete last row of a chunk is carried into the next), and every
 * row goes straight into typed column builders. Array rows, not objects: a `__proto__` header
 * is then just a name.
 */
export interface DelimitedOptions extends IngestLimits {
  /** Skip detection. */
  delimiter?: Delimiter;
  /** Wins ties in detection (a .tsv name, a text/tab-separated-values type). */
  preferredDelimiter?: Delimiter;
  /** Default: ',' for semicolon files, '.' otherwise. */
  decimal?: DecimalSeparator;
  /** Text handed to the parser at a time (tests use tiny values to cut rows anywhere). */
  chunkChars?: number;
  /** Longest row accepted; a longer one is almost always an unterminated quote. */
  maxRowChars?: number;
}

const DETECT_CHARS = 64 * 1024;

interface ParseStep {
  data: string[][];
  errors: { code: string; message: string }[];
  meta: { cursor: number };
}

export async function parseDelimited(source: IngestSource, options: DelimitedOptions = {}): Promise<IngestResult> {
  const stats: DecodeStats = { bytes: 0, warnings: [] };
  const text = decodeText(source, stats)[Symbol.asyncIterator]();
  const chunkChars = Math.max(1, options.chunkChars ?? INGEST_DEFAULTS.chunkChars);
  const maxRowChars = options.maxRowChars ?? INGEST_DEFAULTS.maxRowChars;

  // Read enough to learn the layout, keeping the pieces to parse them afterwards.
  const head: string[] = [];
  let headChars = 0;
  let ended = false;
  while (headChars < DETECT_CHARS) {
    const next = await text.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headChars += next.value.length;
  }
  const sample = head.join('');
  if (sample.trim() === '') throw new IngestError('empty', 'The file is empty.');
  const delimiter = options.delimiter ?? detectDelimiter(sample, ended, options.preferredDelimiter);
  const newline = detectNewline(sample);
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const table = new TableBuilder(decimal, options);
  for (const w of stats.warnings) table.warnings.add(w);
  stats.warnings.length = 0;

  let header: string[] | undefined;
  let width = 0;
  let line = 1; // physical line where the current row starts
  let aggregate = '';
  let rowStart = 0;

  const onRow = (step: ParseStep) => {
    const fields = step.data[0];
    const startLine = line;
    line += countChar(aggregate, newline, rowStart, step.meta.cursor);
    rowStart = step.meta.cursor;
    if (newline === '\n') {
      const last = fields[fields.length - 1];
      if (last.endsWith('\r')) fields[fields.length - 1] = last.slice(0, -1);
    }
    for (const error of step.errors) {
      const where = header ? `row ${table.rowCount + 1} (line ${startLine})` : `the header (line ${startLine})`;
      if (error.code === 'MissingQuotes') {
        throw new IngestError('malformed_csv', `Unterminated quoted field: a quote opened in ${where} is never closed.`);
      }
      // InvalidQuotes: a quoted field holds a lone quote, so papaparse kept reading past the
      // real end of the value, possibly across lines and rows. Refuse rather than guess.
      throw new IngestError(
        'malformed_csv',
        `Malformed quoted field in ${where}: a quote inside a quoted value must be doubled ("").`,
      );
    }
    if (fields.every((f) => f.trim() === '')) return;
    if (!header) {
      table.checkColumnCount(fields.length);
      const { names, warnings } = uniqueColumnNames(fields);
      header = names;
      width = names.length;
      for (const name of names) table.addColumn(name);
      for (const w of warnings) table.warnings.add(w);
      return;
    }
    const rowNumber = table.rowCount + 1;
    let count = fields.length;
    if (count > width) {
      // Trailing empty fields (a delimiter at the end of the line) are harmless.
      while (count > width && fields[count - 1].trim() === '') count--;
      if (count > width) {
        throw new IngestError(
          'inconsistent_columns',
          `Row ${rowNumber} (line ${startLine}) has ${fields.length} fields but the header has ${width}` +
            ` (delimiter ${JSON.stringify(delimiter)}): an unquoted delimiter inside a value? Quote such values.`,
        );
      }
    } else if (count < width) {
      table.warnings.add({
        code: 'short_row',
        row: rowNumber,
        line: startLine,
        message: `Row ${rowNumber} (line ${startLine}) has ${count} fields but the header has ${width}; the last ${width - count} are left missing.`,
      });
    }
    const row = table.nextRow();
    const columns = table.columns;
    for (let j = 0; j < count; j++) columns[j].addText(row, fields[j]);
  };

  const parser = new Papa.Parser({ delimiter, newline, step: onRow });
  const feed = (piece: string, last: boolean) => {
    aggregate += piece;
    rowStart = 0;
    const result = parser.parse(aggregate, 0, !last) as ParseStep;
    aggregate = last ? '' : aggregate.slice(result.meta.cursor);
    if (aggregate.length > maxRowChars) {
      const where = `row ${table.rowCount + 1} (line ${line})`;
      if (aggregate.includes('"')) {
        throw new IngestError('malformed_csv', `Unterminated quoted field: the quote in ${where} is not closed within ${maxRowChars} characters.`);
      }
      throw new IngestError('field_too_large', `${where} is longer than ${maxRowChars} characters.`);
    }
  };

  let pending = '';
  const push = (piece: string) => {
    pending += piece;
    while (pending.length >= chunkChars) {
      feed(pending.slice(0, chunkChars), false);
      pending = pending.slice(chunkChars);
    }
  };
  for (const piece of head) push(piece);
  head.length = 0;
  if (!ended) for (let next = await text.next(); !next.done; next = await text.next()) push(next.value);
  feed(pending, true);
  for (const w of stats.warnings) table.warnings.add(w);

  if (!header) throw new IngestError('empty', 'The file has no rows.');
  if (table.rowCount === 0) {
    throw new IngestError('no_rows', `The file has a header (${header.slice(0, 5).join(', ')}${header.length > 5 ? ', …' : ''}) but no data rows.`);
  }
  const result = table.finish();
  return { table: result, warnings: table.warnings.toArray(), format: delimiter === '\t' ? 'tsv' : 'csv', delimiter, bytes: stats.bytes };
}

function countChar(text: string, char: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(char, from); i !== -1 && i < to; i = text.indexOf(char, i + 1)) n++;
  return n;
}
