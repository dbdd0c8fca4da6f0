/**
 * A bounded max-heap of (squared distance, id) pairs: the k best candidates of a nearest-
 * neighbour search, with the worst on top so a closer candidate replaces it in O(log k).
 */
export class NeighborHeap {
  readonly capacity: number;
  size = 0;
  private readonly keys: Float64Array;
  private readonly ids: Int32Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.keys = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** The distance a candidate must beat: the current k-th best, or Infinity until k are held. */
  worst(): number {
    return this.size < this.capacity ? Infinity : this.keys[0];
  }

  push(key: number, id: number): void {
    const { keys, ids } = this;
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (keys[parent] >= key) break;
        keys[i] = keys[parent];
        ids[i] = ids[parent];
        i = parent;
      }
      keys[i] = key;
      ids[i] = id;
      return;
    }
    if (this.capacity === 0 || key >= keys[0]) return;
    this.siftDown(0, key, id, this.size);
  }

  /** Empties the heap into the outputs, best (smallest key) first. */
  drainSorted(outIds: Int32Array, outKeys: Float64Array): void {
    const { keys, ids } = this;
    for (let last = this.size - 1; last >= 0; last--) {
      outIds[last] = ids[0];
      outKeys[last] = keys[0];
      this.siftDown(0, keys[last], ids[last], last);
    }
    this.size = 0;
  }

  private siftDown(start: number, key: number, id: number, size: number): void {
    const { keys, ids } = this;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1] > keys[child]) child++;
      if (keys[child] <= key) break;
      keys[i] = keys[child];
      ids[i] = ids[child];
      i = child;
    }
    keys[i] = key;
    ids[i] = id;
  }
}
