import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The client's layers import one way: shells (app: desktop, xr: immersive) → panels → session →
 * collab / encodings / state / api → scene. A folder may import its own level or below, never
 * above, and one shell never imports another. The scene lab (the developer's bench page, served
 * only with SCENE_LAB=1) sits above the shells like main.tsx: it times what each shell draws, so
 * it may use their parts (the XR placement and store). shared/ and packages are open to all;
 * server/ to none.
 */
const LEVEL: Record<string, number> = { scene: 0, collab: 1, encodings: 1, state: 1, api: 1, styles: 1, session: 2, panels: 3, app: 4, xr: 4, 'scene-lab': 5, '.': 5 };
const SHELLS = new Set(['app', 'xr']);

const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../client');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** Module specifiers of static imports and re-exports, side-effect imports and dynamic import(). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;}])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  return found;
}

/** The top folder under client/ of a file ('.' for client/main.tsx and the like). */
function layerOf(file: string): string {
  const rel = path.relative(client, file);
  return rel.includes(path.sep) ? rel.split(path.sep)[0] : '.';
}

function violations(): { checked: number; wrong: string[] } {
  let checked = 0;
  const wrong: string[] = [];
  for (const file of sources(client)) {
    const from = layerOf(file);
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      checked++;
      const target = path.resolve(path.dirname(file), spec);
      const where = `${path.relative(client, file)} imports ${spec}`;
      if (!target.startsWith(client + path.sep)) {
        if (!target.startsWith(path.resolve(client, '../shared') + path.sep)) wrong.push(`${where}: outside client/ and shared/`);
        continue;
      }
      const to = layerOf(target);
      if (to === from) continue;
      if (!(from in LEVEL) || !(to in LEVEL)) wrong.push(`${where}: folder without a layer (add it to LEVEL)`);
      else if (LEVEL[to] > LEVEL[from]) wrong.push(`${where}: ${from} is below ${to}`);
      else if (SHELLS.has(from) && SHELLS.has(to)) wrong.push(`${where}: one shell imports another`);
    }
  }
  return { checked, wrong };
}

describe('client import direction', () => {
  it('finds the import forms the client uses', () => {
    expect(specifiers(`import { a } from './a.ts';\nimport type { B } from '../b/b.ts';\nexport { c } from './c.ts';\nimport './d.css';\nconst e = await import('./e.ts');`)).toEqual([
      './a.ts',
      '../b/b.ts',
      './c.ts',
      './d.css',
      './e.ts',
    ]);
  });

  it('runs shells → panels → session → collab / encodings → scene, never upwards', () => {
    const { checked, wrong } = violations();
    // Hundreds of relative imports: a scan that found none would prove nothing.
    expect(checked).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });
});
