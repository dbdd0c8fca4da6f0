/**
 * Growable typed arrays made of fixed blocks, so a column of a million values never needs the
 * doubling-and-copy of one big array (which would hold up to 3× the column at its peak). The
 * exact-size array is built once, at the end.
 */
const BLOCK = 1 << 16;

type Typed = Float64Array | Int32Array;

abstract class BlockArray<T extends Typed> {
  protected blocks: T[] = [];
  length = 0;

  protected abstract allocate(size: number): T;

  push(value: number): void {
    const offset = this.length & (BLOCK - 1);
    if (offset === 0) this.blocks.push(this.allocate(BLOCK));
    this.blocks[this.blocks.length - 1][offset] = value;
    this.length++;
  }

  get(index: number): number {
    return this.blocks[index >>> 16][index & (BLOCK - 1)];
  }

  set(index: number, value: number): void {
    this.blocks[index >>> 16][index & (BLOCK - 1)] = value;
  }

  /** The values as one exact-size array; the blocks are released. */
  toArray(): T {
    const out = this.allocate(this.length);
    let offset = 0;
    for (const block of this.blocks) {
      const take = Math.min(BLOCK, this.length - offset);
      out.set(take === BLOCK ? block : block.subarray(0, take), offset);
      offset += take;
    }
    this.blocks = [];
    this.length = 0;
    return out;
  }
}

export class Float64Blocks extends BlockArray<Float64Array> {
  protected allocate(size: number): Float64Array {
    return new Float64Array(size);
  }
}

export class Int32Blocks extends BlockArray<Int32Array> {
  protected allocate(size: number): Int32Array {
    return new Int32Array(size);
  }
}
