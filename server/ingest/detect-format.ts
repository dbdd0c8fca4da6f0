import type { FileHandle } from 'node:fs/promises';

/**
 * Binary table formats are recognised by their bytes, whatever the upload's name or type says:
 * Parquet starts (and ends) with `PAR1`, an Arrow IPC file with `ARROW1`, an Arrow IPC stream
 * with the 0xFFFFFFFF continuation marker of its first message (the pre-1.0 form without it
 * cannot be told from text and is not read), an .xlsx is a ZIP whose central directory names `xl/workbook.xml`.
 * A password-protected workbook is not a ZIP at all but an OLE compound file (like old .xls).
 */
export type BinaryFormat = 'parquet' | 'arrow' | 'xlsx' | 'ole' | 'zip';

const TAIL_BYTES = 256 * 1024;

export async function detectBinaryFormat(file: FileHandle, size: number): Promise<BinaryFormat | undefined> {
  const head = Buffer.alloc(Math.min(8, size));
  await file.read(head, 0, head.length, 0);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('PAR1')) return 'parquet';
  if (ascii.startsWith('ARROW1')) return 'arrow';
  if (head.length >= 8 && head.readUInt32LE(0) === 0xffffffff && head.readInt32LE(4) > 0) return 'arrow';
  if (head.length >= 8 && head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  if (ascii.startsWith('PK\x03\x04')) return (await zipNames(file, size, 'xl/workbook.xml')) ? 'xlsx' : 'zip';
  return undefined;
}

/** Whether the ZIP's central directory (stored uncompressed at its end) names `entry`. */
async function zipNames(file: FileHandle, size: number, entry: string): Promise<boolean> {
  const length = Math.min(TAIL_BYTES, size);
  const tail = Buffer.alloc(length);
  await file.read(tail, 0, length, size - length);
  return tail.includes(Buffer.from(entry, 'latin1'));
}
