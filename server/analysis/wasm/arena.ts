/**
 * Typed arrays carved out of one shared WebAssembly memory, so that our WebAssembly kernels
 * (instantiated on `memory` by each thread that runs them) and JavaScript read and write the
 * same data: a kernel takes an array as its `byteOffset`. The memory grows as arrays are taken
 * (a shared memory's views stay valid when it grows) up to WebAssembly's 4 GiB. Arrays are
 * never given back: an arena lives as long as one computation.
 *
 * Several threads may take arrays from one memory (`attachWasmArena` in each): the next free
 * offset is kept at the start of the memory and advanced atomically.
 */
export interface WasmArena {
  memory: WebAssembly.Memory;
  f32(length: number): Float32Array;
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
  u8(length: number): Uint8Array;
}

const PAGE = 65_536;
/** WebAssembly's 32-bit memory: 65,536 pages of 64 KiB. */
const MAX_PAGES = 65_536;
/** The arrays' space starts after the first page (the kernels declare no data; 0 is no place for an array). */
const FIRST = PAGE;

/** Thrown when the arrays asked for do not fit: beyond 4 GiB, or more than the machine gives. */
export class ArenaFullError extends Error {
  constructor(bytes: number) {
    super(`This needs ${(bytes / 2 ** 30).toFixed(1)} GiB of working memory, which could not be had (4 GiB at most, and no more than the machine gives).`);
    this.name = 'ArenaFullError';
  }
}

export function createWasmArena(): WasmArena {
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  } catch (error) {
    // A shared memory reserves its 4 GiB of address space up front: a process limited below
    // that (ulimit -v) cannot have one.
    throw error instanceof RangeError ? new ArenaFullError(MAX_PAGES * PAGE) : error;
  }
  Atomics.store(new Uint32Array(memory.buffer, 0, 1), 0, FIRST / 16);
  return attachWasmArena(memory);
}

/** Takes arrays from an arena another thread created (its `memory`). */
export function attachWasmArena(memory: WebAssembly.Memory): WasmArena {
  // The next free offset in 16-byte units, so that 4 GiB fits a 32-bit word.
  const next = new Uint32Array(memory.buffer, 0, 1);
  const take = <T>(View: new (buffer: ArrayBufferLike, offset: number, length: number) => T, bytesPer: number, length: number): T => {
    const units = Math.ceil((length * bytesPer) / 16);
    // Claim [start, end) only if it fits, so that a refused array leaves the arena as it was.
    let start: number;
    for (;;) {
      const at = Atomics.load(next, 0);
      if ((at + units) * 16 > MAX_PAGES * PAGE) throw new ArenaFullError((at + units) * 16);
      if (Atomics.compareExchange(next, 0, at, at + units) === at) {
        start = at * 16;
        break;
      }
    }
    const end = start + units * 16;
    // Another thread may grow it meanwhile: grow until this array fits, whoever did.
    while (memory.buffer.byteLength < end) {
      const have = memory.buffer.byteLength;
      try {
        memory.grow(Math.ceil((end - have) / PAGE));
      } catch (error) {
        if (memory.buffer.byteLength !== have) continue; // grown by another thread meanwhile: look again
        throw error instanceof RangeError ? new ArenaFullError(end) : error;
      }
    }
    return new View(memory.buffer, start, length);
  };
  return {
    memory,
    f32: (length) => take(Float32Array, 4, length),
    f64: (length) => take(Float64Array, 8, length),
    i32: (length) => take(Int32Array, 4, length),
    u8: (length) => take(Uint8Array, 1, length),
  };
}
