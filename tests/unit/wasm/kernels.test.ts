import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, WASM_MODULES, compileWasm } from '../../../build/wasm.ts';
import { ArenaFullError, attachWasmArena, createWasmArena } from '../../../server/analysis/wasm/arena.ts';
import { instantiateNeighborKernels } from '../../../server/analysis/neighbors/kernels.ts';
import { createNeighborHeaps, heapPush, type NeighborHeaps } from '../../../server/analysis/neighbors/neighbor-heap.ts';
import { instantiateLayoutSgd } from '../../../server/analysis/reduce/umap/layout-sgd.ts';
import { createRandom } from '../../../shared/random.ts';

function squaredDistance(data: Float32Array, d: number, p: number, q: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (data[p * d + t] - data[q * d + t]) ** 2;
  return s;
}

/** The local join's pairs of rows [from, to) in the kernels' order: new×new (a < b), then new×old. */
function forEachJoinPair(newCand: Int32Array, oldCand: Int32Array, m: number, from: number, to: number, visit: (p: number, q: number) => void): void {
  for (let i = from; i < to; i++) {
    for (let a = 0; a < m; a++) {
      const p = newCand[i * m + a];
      if (p < 0) continue;
      for (let b = a + 1; b < m; b++) if (newCand[i * m + b] >= 0) visit(p, newCand[i * m + b]);
      for (let b = 0; b < m; b++) if (oldCand[i * m + b] >= 0 && oldCand[i * m + b] !== p) visit(p, oldCand[i * m + b]);
    }
  }
}

/** Fills `a` in place (a typed array's map would copy it off the arena). */
function filled<T extends Float32Array | Int32Array>(a: T, value: (i: number) => number): T {
  for (let i = 0; i < a.length; i++) a[i] = value(i);
  return a;
}

describe('our WebAssembly kernels', () => {
  it('are the builds of their AssemblyScript sources: npm run build:wasm gives the committed files byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasm-kernels-'));
    try {
      for (const module of WASM_MODULES) {
        const fresh = join(dir, 'fresh.wasm');
        compileWasm(module, fresh);
        expect(readFileSync(fresh).equals(readFileSync(join(ROOT, `${module}.wasm`))), module).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('layout SGD: powers within 5e-6 of Math.pow (float32 arithmetic) over 17 orders of magnitude', () => {
    const { fastPow } = instantiateLayoutSgd(createWasmArena().memory);
    const random = createRandom(9);
    let worst = 0;
    for (let t = 0; t < 20_000; t++) {
      const x = Math.fround(Math.exp((random() - 0.5) * 40));
      for (const b of [0.79, 0.895, 1.33]) worst = Math.max(worst, Math.abs(fastPow(x, Math.fround(b)) / Math.pow(x, Math.fround(b)) - 1));
    }
    expect(worst).toBeLessThan(5e-6);
  });

  it("distances: the local join's pairs and the leaves' pairs, exact below the bound, at least the bound beyond", () => {
    const random = createRandom(3);
    for (const d of [3, 4, 17, 35, 50]) {
      const n = 40;
      const m = 6;
      const k = 5;
      const arena = createWasmArena();
      const kernel = instantiateNeighborKernels(arena.memory);
      const data = filled(arena.f32(n * d), () => random() * 10 - 5);
      const roots = filled(arena.f32(n * k), () => random() * d * 40);
      const newCand = filled(arena.i32(n * m), () => (random() < 0.2 ? -1 : Math.floor(random() * n)));
      const oldCand = filled(arena.i32(n * m), () => (random() < 0.2 ? -1 : Math.floor(random() * n)));
      const out = arena.f32(n * (m * m * 2));
      kernel.joinDistances(data.byteOffset, d, roots.byteOffset, k, newCand.byteOffset, oldCand.byteOffset, m, 3, 30, out.byteOffset);
      let slot = 0;
      let exact = 0;
      let abandoned = 0;
      const check = (p: number, q: number) => {
        const want = squaredDistance(data, d, p, q);
        const bound = Math.max(roots[p * k], roots[q * k]);
        const got = out[slot++];
        if (want < bound) {
          expect(got).toBeCloseTo(want, 3);
          exact++;
        } else {
          expect(got).toBeGreaterThanOrEqual(bound * (1 - 1e-6));
          abandoned++;
        }
      };
      forEachJoinPair(newCand, oldCand, m, 3, 30, check);
      expect(exact).toBeGreaterThan(50);
      if (d >= 17) expect(abandoned).toBeGreaterThan(10);
      // Nothing written past the last pair.
      expect(out[slot]).toBe(0);

      const order = filled(arena.i32(n), (i) => (i * 7) % n);
      const bounds = arena.i32(4);
      bounds.set([0, 9, 10, n]);
      const leafOut = arena.f32(n * n);
      kernel.leafDistances(data.byteOffset, d, order.byteOffset, bounds.byteOffset, 3, leafOut.byteOffset);
      slot = 0;
      for (let leaf = 0; leaf < 3; leaf++) {
        for (let a = bounds[leaf]; a < bounds[leaf + 1]; a++) {
          for (let b = a + 1; b < bounds[leaf + 1]; b++) expect(leafOut[slot++]).toBeCloseTo(squaredDistance(data, d, order[a], order[b]), 3);
        }
      }
      expect(slot).toBe((9 * 8) / 2 + (30 * 29) / 2);
      expect(leafOut[slot]).toBe(0);
    }
  });

  it("heap offers: the local join's, the leaves' and the candidates' give exactly the heaps of JavaScript's heapPush, for each row owner", () => {
    const random = createRandom(11);
    const n = 300;
    const k = 8;
    const m = 6;
    const owners = [-1, 0, 1] as const;
    // Rows 0..299 span blocks of 64 rows owned alternately by 0 and 1.
    const seeded = (h: NeighborHeaps) => {
      for (let i = 0; i < n; i++) for (let t = 0; t < 3; t++) heapPush(h, i, (i + 1 + t * 37) % n, 5 + random() * 50, t & 1);
    };
    for (const owner of owners) {
      const owns = (row: number) => owner < 0 || ((row >> 6) & 1) === owner;
      const arena = createWasmArena();
      const kernel = instantiateNeighborKernels(arena.memory);
      const heaps = createNeighborHeaps(n, k, arena);
      seeded(heaps);
      const reference = createNeighborHeaps(n, k);
      reference.indices.set(heaps.indices);
      reference.distances.set(heaps.distances);
      reference.isNew.set(heaps.isNew);
      const newCand = filled(arena.i32(n * m), () => (random() < 0.15 ? -1 : Math.floor(random() * n)));
      const oldCand = filled(arena.i32(n * m), () => (random() < 0.15 ? -1 : Math.floor(random() * n)));
      const dist = filled(arena.f32(n * m * m * 2), () => Math.fround(random() * 40));
      const updates = kernel.applyJoinDistances(heaps.indices.byteOffset, heaps.distances.byteOffset, heaps.isNew.byteOffset, k, newCand.byteOffset, oldCand.byteOffset, m, 10, 250, dist.byteOffset, owner);
      let slot = 0;
      let expected = 0;
      const offer = (p: number, q: number) => {
        const s = dist[slot++];
        if (owns(p) && s < reference.distances[p * k]) expected += heapPush(reference, p, q, s, 1);
        if (owns(q) && s < reference.distances[q * k]) expected += heapPush(reference, q, p, s, 1);
      };
      forEachJoinPair(newCand, oldCand, m, 10, 250, offer);
      expect(updates).toBe(expected);
      expect(updates).toBeGreaterThan(100);
      expect(heaps.indices).toEqual(reference.indices);
      expect(heaps.distances).toEqual(reference.distances);
      expect(heaps.isNew).toEqual(reference.isNew);

      // The candidates of the round: priorities from murmur3's finaliser of (slot ^ seed).
      const newHeaps = createNeighborHeaps(n, m, arena);
      const oldHeaps = createNeighborHeaps(n, m, arena);
      const seed = 0x2f6b1d3;
      kernel.pushCandidates(n, k, heaps.indices.byteOffset, heaps.isNew.byteOffset, m, newHeaps.indices.byteOffset, newHeaps.distances.byteOffset, newHeaps.isNew.byteOffset, oldHeaps.indices.byteOffset, oldHeaps.distances.byteOffset, oldHeaps.isNew.byteOffset, seed, owner);
      const newRef = createNeighborHeaps(n, m);
      const oldRef = createNeighborHeaps(n, m);
      for (let i = 0; i < n; i++) {
        for (let t = 0; t < k; t++) {
          const j = reference.indices[i * k + t];
          if (j < 0 || (!owns(i) && !owns(j))) continue;
          let h = Math.imul((i * k + t) ^ seed, 0x9e3779b1);
          h ^= h >>> 16;
          h = Math.imul(h, 0x85ebca6b);
          h ^= h >>> 13;
          h = Math.imul(h, 0xc2b2ae35);
          h ^= h >>> 16;
          const target = reference.isNew[i * k + t] === 1 ? newRef : oldRef;
          if (owns(i)) heapPush(target, i, j, (h >>> 0) / 4294967296, 0);
          if (owns(j)) heapPush(target, j, i, (h >>> 0) / 4294967296, 0);
        }
      }
      for (const [got, want] of [[newHeaps, newRef], [oldHeaps, oldRef]] as const) {
        for (let i = 0; i < n; i++) {
          if (!owns(i)) continue;
          expect(got.indices.subarray(i * m, (i + 1) * m)).toEqual(want.indices.subarray(i * m, (i + 1) * m));
          expect(got.distances.subarray(i * m, (i + 1) * m)).toEqual(want.distances.subarray(i * m, (i + 1) * m));
        }
      }

      // A tree's leaves: two leaves of 7 and 9 rows.
      const order = filled(arena.i32(16), (i) => (i * 19 + 5) % n);
      const leafBounds = arena.i32(3);
      leafBounds.set([0, 7, 16]);
      const pairs = filled(arena.f32((7 * 6) / 2 + (9 * 8) / 2), () => Math.fround(random() * 8));
      kernel.pushLeafPairs(heaps.indices.byteOffset, heaps.distances.byteOffset, heaps.isNew.byteOffset, k, order.byteOffset, leafBounds.byteOffset, 2, pairs.byteOffset, owner);
      slot = 0;
      for (const [start, end] of [[0, 7], [7, 16]]) {
        for (let a = start; a < end; a++) {
          for (let b = a + 1; b < end; b++) {
            const d = pairs[slot++];
            if (owns(order[a])) heapPush(reference, order[a], order[b], d, 1);
            if (owns(order[b])) heapPush(reference, order[b], order[a], d, 1);
          }
        }
      }
      expect(heaps.indices).toEqual(reference.indices);
      expect(heaps.distances).toEqual(reference.distances);
      expect(heaps.isNew).toEqual(reference.isNew);
    }
  });

  it('arena: arrays stay valid as the memory grows, and more than 4 GiB is refused with a clear error', () => {
    const arena = createWasmArena();
    const first = arena.i32(10).fill(7);
    const big = arena.f32(5_000_000);
    big[4_999_999] = 1.5;
    expect(arena.memory.buffer.byteLength).toBeGreaterThanOrEqual(20_000_000);
    expect([...first]).toEqual(Array(10).fill(7));
    expect(big.byteOffset % 16).toBe(0);
    for (let t = 0; t < 20; t++) expect(() => arena.f32(2 ** 30)).toThrow(ArenaFullError);
    expect(() => arena.f32(2 ** 30)).toThrow(/4 GiB at most/);
    expect(big[4_999_999]).toBe(1.5);
    // A refused array takes nothing: the next one follows the last one given.
    const after = arena.i32(4);
    expect(after.byteOffset).toBe(big.byteOffset + big.byteLength);
    // Another thread's view of the same arena takes arrays after those.
    const other = attachWasmArena(arena.memory).u8(3);
    expect(other.byteOffset).toBe(after.byteOffset + 16);
  });
});
