import { open } from 'node:fs/promises';
import { BinaryFormatError } from '../../shared/binary.ts';
import type { ColumnData, ColumnType } from '../../shared/table.ts';
import { decodeColumn } from './table-files.ts';

const HEADER_BYTES = 24;

/**
 * Rows [start, end) of one stored column, read from its file without loading the rest: a page of
 * rows costs its own cells (plus a category column's dictionary), not the whole table. The
 * slice is re-wrapped as a buffer of its own (header with the slice's row count, the data bytes,
 * the dictionary) and decoded by the same code as a whole column, so the format has one reader.
 */
export async function readColumnSlice(path: string, type: ColumnType, start: number, end: number): Promise<ColumnData> {
  const handle = await open(path, 'r');
  try {
    const header = new Uint8Array(HEADER_BYTES);
    await readExactly(handle, header, 0);
    const view = new DataView(header.buffer);
    const rows = view.getUint32(8, true);
    const width = view.getUint32(12, true);
    const dictionaryBytes = view.getUint32(16, true);
    const dtype = view.getUint8(5);
    const bytesPer = dtype === 2 ? 8 : dtype === 5 ? 1 : 4;
    if (width !== 1) throw new BinaryFormatError(`${path} is not a column (it has ${width} columns).`);
    const from = Math.min(start, rows);
    const to = Math.min(Math.max(end, from), rows);
    const dataBytes = (to - from) * bytesPer;
    const slice = new Uint8Array(HEADER_BYTES + dataBytes + dictionaryBytes);
    slice.set(header);
    new DataView(slice.buffer).setUint32(8, to - from, true);
    await readExactly(handle, slice.subarray(HEADER_BYTES, HEADER_BYTES + dataBytes), HEADER_BYTES + from * bytesPer);
    await readExactly(handle, slice.subarray(HEADER_BYTES + dataBytes), HEADER_BYTES + rows * bytesPer);
    return decodeColumn(slice, type);
  } finally {
    await handle.close();
  }
}

async function readExactly(handle: Awaited<ReturnType<typeof open>>, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.byteLength) {
    const { bytesRead } = await handle.read(into, done, into.byteLength - done, position + done);
    if (bytesRead === 0) throw new BinaryFormatError('A column file ends before its header says.');
    done += bytesRead;
  }
}
