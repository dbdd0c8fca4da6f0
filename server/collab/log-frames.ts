import { crc32 } from 'node:zlib';

/**
 * Framing of the per-session update log: each record is
 *
 *   u32 LE payload length | u32 LE CRC-32 of the payload | payload (one Yjs update)
 *
 * A crash mid-append leaves a short or corrupt last record; parseFrames stops at the first
 * record that is incomplete or fails its checksum and reports how many bytes were good, so
 * the loader can cut the tail off before appending again.
 */
export const FRAME_HEADER_BYTES = 8;
/** A length above this is corruption, not a record: no single update is anywhere near it. */
export const MAX_FRAME_BYTES = 256 * 2 ** 20;

export function encodeFrames(payloads: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const p of payloads) total += FRAME_HEADER_BYTES + p.length;
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const p of payloads) {
    out.writeUInt32LE(p.length, offset);
    out.writeUInt32LE(crc32(p), offset + 4);
    out.set(p, offset + FRAME_HEADER_BYTES);
    offset += FRAME_HEADER_BYTES + p.length;
  }
  return out;
}

export interface ParsedFrames {
  payloads: Uint8Array[];
  /** Bytes of whole, checksummed records from the start; the rest is a torn tail. */
  validBytes: number;
}

export function parseFrames(buf: Uint8Array): ParsedFrames {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const payloads: Uint8Array[] = [];
  let offset = 0;
  while (offset + FRAME_HEADER_BYTES <= view.length) {
    const length = view.readUInt32LE(offset);
    const checksum = view.readUInt32LE(offset + 4);
    const end = offset + FRAME_HEADER_BYTES + length;
    if (length > MAX_FRAME_BYTES || end > view.length) break;
    const payload = view.subarray(offset + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== checksum) break;
    payloads.push(payload);
    offset = end;
  }
  return { payloads, validBytes: offset };
}
