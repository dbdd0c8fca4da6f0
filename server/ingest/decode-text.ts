import { IngestError } from './errors.ts';
import type { IngestSource, IngestWarning } from './types.ts';

/**
 * Bytes → text, streaming. The first 64 KB decide the encoding and refuse binary files:
 * UTF-8 (BOM or not, the BOM is dropped), UTF-16 with a BOM, and Windows-1252 when the sample is
 * text but not valid UTF-8 (old Excel exports). NUL bytes anywhere mean a binary file.
 * Multi-byte characters split across chunks are reassembled by TextDecoder's stream mode.
 */
export interface DecodeStats {
  bytes: number;
  warnings: IngestWarning[];
}

const SAMPLE_BYTES = 64 * 1024;
/** Share of control bytes (other than tab, CR, LF, FF) above which a sample is binary. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of invalid UTF-8 in a sample above which it is binary rather than another encoding. */
const MAX_INVALID_SHARE = 0.1;

function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function binaryError(detail: string): IngestError {
  return new IngestError('binary', `The file looks binary, not text (${detail}). Upload CSV, TSV or JSON saved as UTF-8 text.`);
}

function chooseEncoding(sample: Uint8Array, warnings: IngestWarning[]): string {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  const nul = sample.indexOf(0);
  if (nul !== -1) throw binaryError(`NUL byte at byte ${nul}`);
  let control = 0;
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  if (control > MAX_CONTROL_SHARE * sample.length) throw binaryError(`${control} control bytes in the first ${sample.length}`);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    const text = new TextDecoder('utf-8').decode(sample, { stream: true });
    const invalid = countReplacements(text);
    if (invalid > MAX_INVALID_SHARE * text.length) throw binaryError(`${invalid} invalid UTF-8 sequences in the first ${sample.length} bytes`);
    warnings.push({ code: 'encoding', message: 'The file is not valid UTF-8; it was read as Windows-1252 (Latin-1).' });
    return 'windows-1252';
  }
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

export async function* decodeText(source: IngestSource, stats: DecodeStats): AsyncGenerator<string> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const bytes = toBytes(next.value);
    head.push(bytes);
    headBytes += bytes.length;
  }
  if (headBytes === 0) return;
  const sample = concat(head, headBytes);
  const encoding = chooseEncoding(sample, stats.warnings);
  const decoder = new TextDecoder(encoding);
  const checkNul = !encoding.startsWith('utf-16');
  let invalid = 0;
  stats.bytes = headBytes;
  const first = decoder.decode(sample, { stream: true });
  if (encoding === 'utf-8') invalid += countReplacements(first);
  if (first) yield first;
  while (!ended) {
    const next = await iterator.next();
    if (next.done) break;
    const bytes = toBytes(next.value);
    if (checkNul) {
      const nul = bytes.indexOf(0);
      if (nul !== -1) throw binaryError(`NUL byte at byte ${stats.bytes + nul}`);
    }
    stats.bytes += bytes.length;
    const text = decoder.decode(bytes, { stream: true });
    if (encoding === 'utf-8') invalid += countReplacements(text);
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (encoding === 'utf-8') invalid += countReplacements(rest);
  if (rest) yield rest;
  if (invalid > 0) {
    stats.warnings.push({ code: 'encoding', message: `${invalid} invalid UTF-8 byte sequence(s) were replaced by "\uFFFD".` });
  }
}
