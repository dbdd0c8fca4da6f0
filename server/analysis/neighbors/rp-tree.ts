import type { Matrix } from '../matrix.ts';
import type { Random } from '../../../shared/random.ts';

/**
 * One random-projection tree (as in PyNNDescent): each node splits its rows by the hyperplane
 * halfway between two of its rows picked at random, until leaves hold at most `leafSize` rows.
 * Rows that share a leaf are likely near each other, which makes leaves a cheap, good starting
 * guess for NN-descent. Returns the rows permuted so each leaf is a contiguous range, and the
 * leaf boundaries (leaf t is order[bounds[t] .. bounds[t+1])).
 */
export interface RpLeaves {
  order: Int32Array;
  bounds: Int32Array;
}

export function rpTreeLeaves(x: Matrix, leafSize: number, random: Random): RpLeaves {
  const { rows: n, cols: d, data } = x;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const side = new Uint8Array(n);
  const normal = new Float64Array(d);
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
    let offset = 0;
    for (let t = 0; t < d; t++) {
      const va = data[a * d + t];
      const vb = data[b * d + t];
      normal[t] = va - vb;
      offset -= (normal[t] * (va + vb)) / 2;
    }
    let leftCount = 0;
    for (let p = start; p < end; p++) {
      const base = order[p] * d;
      let margin = offset;
      for (let t = 0; t < d; t++) margin += normal[t] * data[base + t];
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
  return { order, bounds: Int32Array.from(bounds) };
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
