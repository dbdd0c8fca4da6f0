/**
 * Typed arrays carved out of one shared WebAssembly memory, so that our WebAssembly kernels
 * (instantiated on `memory` by each thread that runs them) and JavaScript read and write the
 * same data: a kernel takes an array as its `byteOffset`. The memory grows as arrays are taken
 * (a shared memory's views stay valid when it grows) up to WebAssembly's 4 GiB.
 */
export interface WasmArena {
  memory: WebAssembly.Memory;
  f32(length: number): Float32Array;
  i32(length: number): Int32Array;
  u8(length: number): Uint8Array;
}

const PAGE = 65_536;
/** WebAssembly's 32-bit memory: 65,536 pages of 64 KiB. */
const MAX_PAGES = 65_536;

/** Thrown when the arrays asked for do not fit in 4 GiB. */
export class ArenaFullError extends Error {
  constructor(bytes: number) {
    super(`This needs more than 4 GiB of working memory (${(bytes / 2 ** 30).toFixed(1)} GiB asked for).`);
    this.name = 'ArenaFullError';
  }
}

export function createWasmArena(): WasmArena {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  // The first page stays the kernels' own (they declare no data, but 0 is no place for an array).
  let offset = PAGE;
  const take = <T>(View: new (buffer: ArrayBufferLike, offset: number, length: number) => T, bytesPer: number, length: number): T => {
    const start = offset;
    const end = start + Math.ceil((length * bytesPer) / 16) * 16;
    const have = memory.buffer.byteLength;
    if (end > have) {
      if (end > MAX_PAGES * PAGE) throw new ArenaFullError(end);
      memory.grow(Math.ceil((end - have) / PAGE));
    }
    offset = end;
    return new View(memory.buffer, start, length);
  };
  return {
    memory,
    f32: (length) => take(Float32Array, 4, length),
    i32: (length) => take(Int32Array, 4, length),
    u8: (length) => take(Uint8Array, 1, length),
  };
}
