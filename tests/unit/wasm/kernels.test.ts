import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, WASM_MODULES, compileWasm } from '../../../build/wasm.ts';
import { ArenaFullError, createWasmArena } from '../../../server/analysis/wasm/arena.ts';
import { instantiateDistances } from '../../../server/analysis/neighbors/distances.ts';
import { instantiateLayoutSgd } from '../../../server/analysis/reduce/umap/layout-sgd.ts';
import { createRandom } from '../../../shared/random.ts';

function squaredDistance(data: Float32Array, d: number, p: number, q: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (data[p * d + t] - data[q * d + t]) ** 2;
  return s;
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
      const kernel = instantiateDistances(arena.memory);
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
      for (let i = 3; i < 30; i++) {
        for (let a = 0; a < m; a++) {
          const p = newCand[i * m + a];
          if (p < 0) continue;
          for (let b = a + 1; b < m; b++) if (newCand[i * m + b] >= 0) check(p, newCand[i * m + b]);
          for (let b = 0; b < m; b++) if (oldCand[i * m + b] >= 0 && oldCand[i * m + b] !== p) check(p, oldCand[i * m + b]);
        }
      }
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

  it('arena: arrays stay valid as the memory grows, and more than 4 GiB is refused with a clear error', () => {
    const arena = createWasmArena();
    const first = arena.i32(10).fill(7);
    const big = arena.f32(5_000_000);
    big[4_999_999] = 1.5;
    expect(arena.memory.buffer.byteLength).toBeGreaterThanOrEqual(20_000_000);
    expect([...first]).toEqual(Array(10).fill(7));
    expect(big.byteOffset % 16).toBe(0);
    expect(() => arena.f32(2 ** 30)).toThrow(ArenaFullError);
    expect(() => arena.f32(2 ** 30)).toThrow(/more than 4 GiB/);
    expect(big[4_999_999]).toBe(1.5);
  });
});
