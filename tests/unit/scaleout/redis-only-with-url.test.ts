import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Without REDIS_URL no Redis module is even loaded (issue 14): nothing that `server/main.ts`
 * imports statically, however indirectly, may import ioredis or BullMQ. Redis code is reached
 * only through `await import(…)` (type-only imports vanish at run time and are not followed).
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const REDIS_PACKAGES = ['ioredis', 'bullmq'];

function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers;
}

function reachable(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else if (!packages.has(specifier)) packages.set(specifier, file);
    }
  }
  return { files, packages };
}

describe('the embedded server', () => {
  it('imports no Redis client statically: only REDIS_URL loads one', () => {
    const { files, packages } = reachable(resolve(root, 'server/main.ts'));
    expect(files.size).toBeGreaterThan(50); // the walk did follow the server's imports
    const redis = [...packages].filter(([name]) => REDIS_PACKAGES.some((p) => name === p || name.startsWith(`${p}/`)));
    expect(redis.map(([name, from]) => `${name} (from ${from.slice(root.length)})`)).toEqual([]);
    expect([...files].filter((f) => f.includes('/collab/redis/'))).toEqual([]);
  });
});
