import type { Delimiter } from './detect-layout.ts';
import { IngestError } from './errors.ts';
import { parseDelimited } from './parse-delimited.ts';
import { parseJson } from './parse-json.ts';
import type { IngestLimits, IngestResult, IngestSource } from './types.ts';

/**
 * Text uploads as a stream (ingest-file.ts hands over every file that is not Parquet, Arrow or
 * xlsx). The format comes from the content type, else the file extension, else the first
 * non-blank character (`[` or `{` is JSON, anything else delimited text).
 */
export interface IngestOptions extends IngestLimits {
  contentType?: string;
  fileName?: string;
}

type Format = 'json' | 'csv' | 'tsv';

function declaredFormat(contentType: string | undefined, fileName: string | undefined): Format | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return 'json';
  if (type === 'text/tab-separated-values') return 'tsv';
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'csv') return 'csv';
  return undefined;
}

const BLANK = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** The UTF-8 BOM's bytes, or the BOM character in a string chunk. */
const BOM = new Set([0xef, 0xbb, 0xbf]);

/** The first character that is not blank or a BOM byte, and the chunks read to find it. */
async function sniff(iterator: AsyncIterator<Uint8Array | string>): Promise<{ head: (Uint8Array | string)[]; first: number | undefined; done: boolean }> {
  const head: (Uint8Array | string)[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { head, first: undefined, done: true };
    head.push(next.value);
    const chunk = next.value;
    for (let i = 0; i < chunk.length; i++) {
      const c = typeof chunk === 'string' ? chunk.charCodeAt(i) : chunk[i];
      const bom = typeof chunk === 'string' ? c === 0xfeff : BOM.has(c);
      if (!BLANK.has(c) && !bom) return { head, first: c, done: false };
    }
  }
}

async function* replay(head: (Uint8Array | string)[], iterator: AsyncIterator<Uint8Array | string>, done: boolean): AsyncGenerator<Uint8Array | string> {
  yield* head;
  if (done) return;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

export async function ingest(source: IngestSource, options: IngestOptions = {}): Promise<IngestResult> {
  const limits: IngestLimits = { maxRows: options.maxRows, maxColumns: options.maxColumns };
  let format = declaredFormat(options.contentType, options.fileName);
  const iterator = source[Symbol.asyncIterator]();
  const { head, first, done } = await sniff(iterator);
  if (first === undefined) throw new IngestError('empty', 'The file is empty.');
  format ??= first === 0x5b || first === 0x7b ? 'json' : 'csv';
  const stream = replay(head, iterator, done);
  if (format === 'json') return parseJson(stream, limits);
  const preferredDelimiter: Delimiter | undefined = format === 'tsv' ? '\t' : undefined;
  return parseDelimited(stream, { ...limits, preferredDelimiter });
}
