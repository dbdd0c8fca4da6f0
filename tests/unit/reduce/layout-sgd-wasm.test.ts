import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instantiateLayoutSgd } from '../../../server/analysis/reduce/umap/layout-sgd.ts';
import { createRandom } from '../../../shared/random.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the layout SGD kernel (WebAssembly)', () => {
  it('is the build of its AssemblyScript source: npm run build:wasm gives the committed file byte for byte', () => {
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:wasm'];
    const args = script.split(' ');
    expect(args[0]).toBe('asc');
    const output = args.indexOf('-o') + 1;
    const dir = mkdtempSync(join(tmpdir(), 'layout-sgd-'));
    try {
      args[output] = join(dir, 'layout-sgd.wasm');
      execFileSync(process.execPath, [join(root, 'node_modules/assemblyscript/bin/asc.js'), ...args.slice(1)], { cwd: root, stdio: 'pipe' });
      const committed = readFileSync(join(root, script.split(' ')[output]));
      expect(readFileSync(args[output]).equals(committed)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('computes powers within 5e-6 of Math.pow (float32 arithmetic) over 17 orders of magnitude', () => {
    const { fastPow } = instantiateLayoutSgd(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }));
    const random = createRandom(9);
    let worst = 0;
    for (let t = 0; t < 20_000; t++) {
      const x = Math.fround(Math.exp((random() - 0.5) * 40));
      for (const b of [0.79, 0.895, 1.33]) worst = Math.max(worst, Math.abs(fastPow(x, Math.fround(b)) / Math.pow(x, Math.fround(b)) - 1));
    }
    expect(worst).toBeLessThan(5e-6);
  });
});
