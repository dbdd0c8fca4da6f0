import type { FileHandle } from 'node:fs/promises';

/**
 * Binary table formats are recognised by their bytes, whatever the upload's name or type says:
 * Parquet starts (and ends) with `PAR1`, an Arrow IPC file with `ARROW1`, an Arrow IPC stream
 * with the 0xFFFFFFFF continuation marker of its first message (the pre-1.0 form without it
 * cannot be told from text and is not read), an .xlsx is a ZIP whose central directory names `xl/workbook.xml`.
 * A password-protected workbook is not a ZIP at all but an OLE compound file (like old .xls).
 */
export type BinaryFormat = 'parquet' | 'arrow' | 'xlsx' | 'ole' | 'zip' | 'cut-zip';

const TAIL_BYTES = 256 * 1024;

export async function detectBinaryFormat(file: FileHandle, size: number): Promise<BinaryFormat | undefined> {
  const head = Buffer.alloc(Math.min(8, size));
  await file.read(head, 0, head.length, 0);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('PAR1')) return 'parquet';
  if (ascii.startsWith('ARROW1')) return 'arrow';
  if (head.length >= 8 && head.readUInt32LE(0) === 0xffffffff && head.readInt32LE(4) > 0) return 'arrow';
  if (head.length >= 8 && head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  if (ascii.startsWith('PK\x03\x04')) return zipKind(file, size);
  return undefined;
}

/**
 * A ZIP ends with its central directory (entry names, uncompressed) and an end record
 * (`PK\x05\x06`): without the end record the file was cut short.
 */
async function zipKind(file: FileHandle, size: number): Promise<'xlsx' | 'zip' | 'cut-zip'> {
  const length = Math.min(TAIL_BYTES, size);
  const tail = Buffer.alloc(length);
  await file.read(tail, 0, length, size - length);
  if (!tail.includes(Buffer.from('PK\x05\x06', 'latin1'))) return 'cut-zip';
  return tail.includes(Buffer.from('xl/workbook.xml', 'latin1')) ? 'xlsx' : 'zip';
}
