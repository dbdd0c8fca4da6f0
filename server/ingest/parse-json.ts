import { Tokenizer, TokenizerError } from '@streamparser/json';
import { decodeText, type DecodeStats } from './decode-text.ts';
import { IngestError } from './errors.ts';
import { JsonGrammarError } from './json-grammar.ts';
import { JsonTableReader } from './json-table-reader.ts';
import { TableBuilder } from './table-builder.ts';
import { INGEST_DEFAULTS, type IngestLimits, type IngestResult, type IngestSource } from './types.ts';

/**
 * JSON tables, streamed: @streamparser/json's Tokenizer turns text into tokens and
 * JsonTableReader turns tokens into typed columns, so neither the text nor row objects are
 * ever held whole. Errors name the line and column where the JSON goes wrong.
 */
export interface JsonOptions extends IngestLimits {
  /** Longest list cell accepted (as JSON text). */
  maxCellChars?: number;
}

/** Where in the text the failing chunk sits, to turn a byte offset into line:column. */
interface Position {
  chunk: string;
  chunkStartByte: number;
  linesBefore: number;
}

function locate(pos: Position, byteOffset: number): string {
  const within = byteOffset - pos.chunkStartByte;
  if (within < 0) return `byte ${byteOffset}`;
  const prefix = Buffer.from(pos.chunk, 'utf8').subarray(0, within).toString('utf8');
  const lastBreak = prefix.lastIndexOf('\n');
  let lines = 0;
  for (let i = prefix.indexOf('\n'); i !== -1; i = prefix.indexOf('\n', i + 1)) lines++;
  return `line ${pos.linesBefore + lines + 1}, column ${prefix.length - lastBreak}`;
}

export async function parseJson(source: IngestSource, options: JsonOptions = {}): Promise<IngestResult> {
  const stats: DecodeStats = { bytes: 0, warnings: [] };
  const table = new TableBuilder('.', options);
  const reader = new JsonTableReader(table, options.maxCellChars ?? INGEST_DEFAULTS.maxRowChars);
  const tokenizer = new Tokenizer();
  let lastOffset = 0;
  tokenizer.onToken = ({ token, value, offset }) => {
    lastOffset = offset;
    reader.onToken(token, value as string | number | boolean | null);
  };
  const pos: Position = { chunk: '', chunkStartByte: 0, linesBefore: 0 };
  let sawText = false;
  const fail = (error: unknown): never => {
    if (error instanceof IngestError) throw error;
    if (error instanceof JsonGrammarError) {
      throw new IngestError('invalid_json', `Invalid JSON at ${locate(pos, lastOffset)}: ${error.message}.`);
    }
    if (error instanceof TokenizerError) {
      const at = /absolute position "(\d+)"/.exec(error.message);
      const where = at ? locate(pos, Number(at[1])) : 'the end';
      const what = at ? (/Unexpected "(.*)" at/s.exec(error.message)?.[1] ?? '?') : '';
      throw new IngestError(
        'invalid_json',
        at ? `Invalid JSON at ${where}: unexpected ${JSON.stringify(what)}.` : 'Invalid JSON: the text ends in the middle of a value (is the file cut short?).',
      );
    }
    throw error;
  };

  for await (const chunk of decodeText(source, stats)) {
    if (!sawText && chunk.trim() !== '') sawText = true;
    pos.linesBefore += countLines(pos.chunk);
    pos.chunkStartByte += Buffer.byteLength(pos.chunk, 'utf8');
    pos.chunk = chunk;
    try {
      tokenizer.write(chunk);
    } catch (error) {
      fail(error);
    }
  }
  if (!sawText) throw new IngestError('empty', 'The file is empty.');
  try {
    tokenizer.end();
  } catch (error) {
    fail(error);
  }
  if (!reader.complete) {
    throw new IngestError('invalid_json', 'Invalid JSON: the text ends before every array and object is closed (is the file cut short?).');
  }
  reader.checkFoundRows();
  for (const w of stats.warnings) table.warnings.add(w);
  if (table.rowCount === 0) throw new IngestError('no_rows', 'The JSON holds an empty array: there are no rows.');
  const result = table.finish();
  return { table: result, warnings: table.warnings.toArray(), format: 'json', bytes: stats.bytes };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
