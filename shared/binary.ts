/**
 * The one binary layout for large arrays on the wire (positions, cluster ids, anomaly scores,
 * dataset columns). Both server and client encode/decode through this file; the byte-level
 * description is in docs/binary-format.md.
 *
 *   0  magic 'DMRG' (4 ASCII bytes)      16  dictionary length in bytes, u32
 *   4  version u8 = 1                    20  reserved u32 = 0
 *   5  dtype u8 (see DTYPE_CODES)        24  data: shape[0]·shape[1] elements, little-endian
 *   6  kind u8 (see KIND_CODES)              then the dictionary: UTF-8 JSON array of strings
 *   7  ndim u8 (1 or 2)
 *   8  shape[0] u32, 12 shape[1] u32 (1 when ndim = 1)
 *
 * The header is 24 bytes, a multiple of 8, so the data can be viewed in place as Float64Array.
 */
export type Dtype = 'float32' | 'float64' | 'int32' | 'uint32' | 'uint8';
export type BufferKind = 'plain' | 'category' | 'datetime';

export type AnyTypedArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array;

export interface DecodedBuffer {
  dtype: Dtype;
  kind: BufferKind;
  shape: [number, number];
  data: AnyTypedArray;
  /** Category labels when kind is 'category' (data holds Int32 codes, -1 = missing). */
  dictionary?: string[];
}

export const BINARY_CONTENT_TYPE = 'application/vnd.data-mirage.array';
const MAGIC = [0x44, 0x4d, 0x52, 0x47]; // 'DMRG'
const HEADER_BYTES = 24;
const DTYPE_CODES: Record<Dtype, number> = { float32: 1, float64: 2, int32: 3, uint32: 4, uint8: 5 };
const KIND_CODES: Record<BufferKind, number> = { plain: 0, category: 1, datetime: 2 };

function dtypeOf(data: AnyTypedArray): Dtype {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint32Array) return 'uint32';
  return 'uint8';
}

function findKey<T extends string>(codes: Record<T, number>, code: number): T | undefined {
  return (Object.keys(codes) as T[]).find((k) => codes[k] === code);
}

export function encodeBuffer(
  data: AnyTypedArray,
  options: { columns?: number; kind?: BufferKind; dictionary?: string[] } = {},
): Uint8Array {
  const columns = options.columns ?? 1;
  const kind = options.kind ?? 'plain';
  if (data.length % columns !== 0) throw new Error(`encodeBuffer: ${data.length} elements do not fill ${columns} columns`);
  const dictionaryBytes = options.dictionary ? new TextEncoder().encode(JSON.stringify(options.dictionary)) : new Uint8Array(0);
  const out = new Uint8Array(HEADER_BYTES + data.byteLength + dictionaryBytes.byteLength);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint8(4, 1);
  view.setUint8(5, DTYPE_CODES[dtypeOf(data)]);
  view.setUint8(6, KIND_CODES[kind]);
  view.setUint8(7, columns === 1 ? 1 : 2);
  view.setUint32(8, data.length / columns, true);
  view.setUint32(12, columns, true);
  view.setUint32(16, dictionaryBytes.byteLength, true);
  view.setUint32(20, 0, true);
  // Typed arrays are little-endian on every platform we run on (x86, ARM): copy bytes as they are.
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), HEADER_BYTES);
  out.set(dictionaryBytes, HEADER_BYTES + data.byteLength);
  return out;
}

export class BinaryFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BinaryFormatError';
  }
}

export function decodeBuffer(bytes: ArrayBuffer | Uint8Array): DecodedBuffer {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.byteLength < HEADER_BYTES || MAGIC.some((m, i) => u8[i] !== m)) {
    throw new BinaryFormatError('Not a Data Mirage array buffer (bad magic).');
  }
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (view.getUint8(4) !== 1) throw new BinaryFormatError(`Unsupported buffer version ${view.getUint8(4)}.`);
  const dtype = findKey(DTYPE_CODES, view.getUint8(5));
  const kind = findKey(KIND_CODES, view.getUint8(6));
  if (!dtype || !kind) throw new BinaryFormatError('Unknown dtype or kind in buffer header.');
  const rows = view.getUint32(8, true);
  const columns = view.getUint32(12, true);
  const dictionaryLength = view.getUint32(16, true);
  const count = rows * columns;
  const bytesPer = dtype === 'float64' ? 8 : dtype === 'uint8' ? 1 : 4;
  const dataBytes = count * bytesPer;
  if (HEADER_BYTES + dataBytes + dictionaryLength !== u8.byteLength) {
    throw new BinaryFormatError('Buffer length does not match its header.');
  }
  // Copy into a fresh, aligned ArrayBuffer: the input may sit at any offset of a larger buffer
  // (and Node's Buffer#slice would return a view of its shared pool, not a copy).
  const body = new Uint8Array(u8.subarray(HEADER_BYTES, HEADER_BYTES + dataBytes)).buffer;
  const data: AnyTypedArray =
    dtype === 'float32'
      ? new Float32Array(body)
      : dtype === 'float64'
        ? new Float64Array(body)
        : dtype === 'int32'
          ? new Int32Array(body)
          : dtype === 'uint32'
            ? new Uint32Array(body)
            : new Uint8Array(body);
  const decoded: DecodedBuffer = { dtype, kind, shape: [rows, columns], data };
  if (dictionaryLength > 0) {
    const text = new TextDecoder().decode(u8.subarray(HEADER_BYTES + dataBytes));
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string')) {
      throw new BinaryFormatError('Buffer dictionary is not an array of strings.');
    }
    decoded.dictionary = parsed;
  }
  return decoded;
}
