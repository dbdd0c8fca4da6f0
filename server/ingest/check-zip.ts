import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { IngestError } from './errors.ts';

/**
 * Checks every entry of a ZIP (an .xlsx) inflates to its recorded CRC-32, streamed, before
 * exceljs reads it: exceljs never settles on an entry whose deflate data is damaged (it pipes
 * the entry to a temporary file without listening for the error), so a damaged workbook would
 * otherwise hang the import instead of being refused. Costs one extra inflate pass, which also
 * keeps the text of xl/workbook.xml (the sheet list, a few hundred bytes) for parseXlsx.
 */
interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export async function checkZip(file: FileHandle, path: string, size: number): Promise<{ workbookXml: string | null }> {
  let workbookXml: string | null = null;
  for (const entry of await centralDirectory(file, size)) {
    if (entry.compressedSize === 0) continue;
    const header = Buffer.alloc(30);
    await file.read(header, 0, 30, entry.localOffset);
    if (header.readUInt32LE(0) !== LOCAL) throw damaged(`the entry "${entry.name}" is not where the archive says`);
    const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > size) throw damaged(`the entry "${entry.name}" runs past the end of the file`);
    const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
    let crc = 0;
    const keep = entry.name === 'xl/workbook.xml' ? ([] as Buffer[]) : null;
    try {
      const source = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
      raw.on('error', (error) => source.destroy(error));
      for await (const chunk of source as AsyncIterable<Buffer>) {
        crc = crc32(chunk, crc);
        keep?.push(chunk);
      }
    } catch {
      throw damaged(`the entry "${entry.name}" does not inflate`);
    }
    if (crc >>> 0 !== entry.crc) throw damaged(`the entry "${entry.name}" fails its checksum`);
    if (keep) workbookXml = Buffer.concat(keep).toString('utf8');
  }
  return { workbookXml };
}

async function centralDirectory(file: FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw damaged('its table of contents at the end is missing');
  const count = tail.readUInt16LE(at + 10);
  const dirSize = tail.readUInt32LE(at + 12);
  const dirOffset = tail.readUInt32LE(at + 16);
  if (dirOffset + dirSize > size) throw damaged('its table of contents points past the end of the file');
  const dir = Buffer.alloc(dirSize);
  await file.read(dir, 0, dirSize, dirOffset);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw damaged('its table of contents is damaged');
    const nameLength = dir.readUInt16LE(p + 28);
    entries.push({
      method: dir.readUInt16LE(p + 10),
      crc: dir.readUInt32LE(p + 16),
      compressedSize: dir.readUInt32LE(p + 20),
      localOffset: dir.readUInt32LE(p + 42),
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
  }
  return entries;
}

function damaged(what: string): IngestError {
  return new IngestError('corrupt_file', `The Excel workbook is damaged or truncated: ${what}. Upload the whole file again, or re-save it in Excel.`);
}
