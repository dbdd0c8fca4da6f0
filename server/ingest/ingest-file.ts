import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { checkZip } from './check-zip.ts';
import { detectBinaryFormat, type BinaryFormat } from './detect-format.ts';
import { IngestError } from './errors.ts';
import { ingest, type IngestOptions } from './ingest.ts';
import { parseArrow } from './parse-arrow.ts';
import { parseParquet } from './parse-parquet.ts';
import { parseXlsx } from './parse-xlsx.ts';
import type { IngestResult } from './types.ts';

/**
 * An uploaded file on disk into a table. The binary formats are told by their first bytes (a
 * name or type alone decides nothing: a `.xlsx` that is not a workbook is said to be one that
 * is not); anything else is text and streams through `ingest` (CSV, TSV, JSON).
 */
export interface FileIngestOptions extends IngestOptions {
  /** Excel: the sheet to read (default: the first one with rows). */
  sheet?: string;
}

const NAMED: Record<string, BinaryFormat> = { parquet: 'parquet', pq: 'parquet', arrow: 'arrow', arrows: 'arrow', feather: 'arrow', ipc: 'arrow', xlsx: 'xlsx', xlsm: 'xlsx' };
const LABEL: Record<string, string> = { parquet: 'a Parquet file', arrow: 'an Arrow IPC file', xlsx: 'an Excel workbook (.xlsx)' };

export async function ingestFile(path: string, options: FileIngestOptions = {}): Promise<IngestResult> {
  const handle = await open(path, 'r');
  let format: BinaryFormat | undefined;
  let size: number;
  let workbookXml: string | null = null;
  try {
    size = (await handle.stat()).size;
    format = await detectBinaryFormat(handle, size);
    if (format === 'xlsx') ({ workbookXml } = await checkZip(handle, path, size));
  } finally {
    await handle.close();
  }
  const named = namedFormat(options.fileName, options.contentType);
  const limits = { maxRows: options.maxRows, maxColumns: options.maxColumns };
  if (options.sheet !== undefined && format !== 'xlsx') {
    throw new IngestError('unknown_sheet', 'A sheet can only be chosen in an Excel workbook (.xlsx); this file is not one.');
  }
  switch (format) {
    case 'parquet':
      return parseParquet(path, size, limits);
    case 'arrow':
      return parseArrow(path, size, limits);
    case 'xlsx':
      return parseXlsx(path, size, { ...limits, sheet: options.sheet, workbookXml });
    case 'ole':
      throw new IngestError(
        'encrypted_workbook',
        'This is a password-protected (encrypted) Excel workbook or an old binary .xls file, which cannot be read here. Save it in Excel without a password as .xlsx and upload again.',
      );
    case 'cut-zip':
      throw new IngestError('corrupt_file', 'The file is a ZIP archive (an Excel workbook?) that is damaged or truncated: its table of contents at the end is missing. Upload the whole file again.');
    case 'zip':
      throw new IngestError('binary', 'The file is a ZIP archive but not an Excel workbook (no xl/workbook.xml inside). Unzip it and upload the table it holds.');
  }
  if (named) {
    throw new IngestError('corrupt_file', `The file is named or typed as ${LABEL[named]} but does not start like one; it may be damaged, truncated or of another kind.`);
  }
  return ingest(createReadStream(path), options);
}

function namedFormat(fileName: string | undefined, contentType: string | undefined): BinaryFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  if (type.includes('parquet')) return 'parquet';
  if (type.startsWith('application/vnd.apache.arrow')) return 'arrow';
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  return ext === undefined ? undefined : NAMED[ext];
}
