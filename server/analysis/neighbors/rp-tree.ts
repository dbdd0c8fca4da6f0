import type { Matrix } from '../matrix.ts';
import type { Random } from '../../../shared/random.ts';
import type { WasmArena } from '../wasm/arena.ts';
import type { NeighborKernels } from './kernels.ts';

/**
 * One random-projection tree (as in PyNNDescent): each node splits its rows by the hyperplane
 * halfway between two of its rows picked at random, until leaves hold at most `leafSize` rows.
 * Rows that share a leaf are likely near each other, which makes leaves a cheap, good starting
 * guess for NN-descent. Writes the rows permuted so each leaf is a contiguous range into
 * `space.order`, and returns the leaf boundaries (leaf t is order[bounds[t] .. bounds[t+1])).
 * The rows' margins are computed in WebAssembly (distances.as.ts hyperplaneMargins): `x.data`
 * and `space` live in `kernel`'s arena.
 */
export interface TreeSpace {
  /** n: the rows, permuted leaf by leaf. */
  order: Int32Array;
  /** d: the current split's normal, and the point halfway between the two rows it separates. */
  normal: Float32Array;
  midpoint: Float32Array;
  /** n: the current split's margins, row by row of the range. */
  margins: Float32Array;
}

export function createTreeSpace(n: number, d: number, arena: WasmArena): TreeSpace {
  return { order: arena.i32(n), normal: arena.f32(d), midpoint: arena.f32(d), margins: arena.f32(n) };
}

export function rpTreeLeaves(x: Matrix, leafSize: number, random: Random, kernel: NeighborKernels, space: TreeSpace): Int32Array {
  const { rows: n, cols: d, data } = x;
  const { order, normal, midpoint, margins } = space;
  for (let i = 0; i < n; i++) order[i] = i;
  const side = new Uint8Array(n);
  const bounds: number[] = [0];
  // Depth-first over [start, end) ranges with an explicit stack; pushing the right half first
  // keeps leaves in left-to-right order.
  const stack: number[] = [0, n];
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const size = end - start;
    if (size <= leafSize) {
      bounds.push(end);
      continue;
    }
    const a = order[start + Math.floor(random() * size)];
    let b = order[start + Math.floor(random() * (size - 1))];
    if (b === a) b = order[end - 1];
    for (let t = 0; t < d; t++) {
      const va = data[a * d + t];
      const vb = data[b * d + t];
      normal[t] = va - vb;
      midpoint[t] = (va + vb) / 2;
    }
    kernel.hyperplaneMargins(data.byteOffset, d, order.byteOffset + 4 * start, size, normal.byteOffset, midpoint.byteOffset, margins.byteOffset);
    let leftCount = 0;
    for (let p = start; p < end; p++) {
      const margin = margins[p - start];
      // Points on the plane (duplicates, a == b) go to a random side so the split still splits.
      const s = Math.abs(margin) < 1e-8 ? (random() < 0.5 ? 1 : 0) : margin > 0 ? 1 : 0;
      side[p] = s;
      leftCount += s;
    }
    if (leftCount === 0 || leftCount === size) {
      for (let p = start; p < end; p++) side[p] = random() < 0.5 ? 1 : 0;
      leftCount = 0;
      for (let p = start; p < end; p++) leftCount += side[p];
      if (leftCount === 0 || leftCount === size) {
        // Hopelessly tied: split the range in half as it stands.
        for (let p = start; p < end; p++) side[p] = p < start + (size >> 1) ? 1 : 0;
        leftCount = size >> 1;
      }
    }
    partition(order, side, start, end);
    const mid = start + leftCount;
    stack.push(mid, end, start, mid);
  }
  return Int32Array.from(bounds);
}

/** Stable-enough in-place partition: rows with side 1 first. */
function partition(order: Int32Array, side: Uint8Array, start: number, end: number): void {
  let i = start;
  let j = end - 1;
  while (i <= j) {
    if (side[i] === 1) i++;
    else {
      const tmpO = order[i];
      order[i] = order[j];
      order[j] = tmpO;
      const tmpS = side[i];
      side[i] = side[j];
      side[j] = tmpS;
      j--;
    }
  }
}
