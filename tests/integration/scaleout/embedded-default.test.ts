import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('without REDIS_URL', () => {
  it('the server runs as before and loads nothing of ioredis or BullMQ', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'tests/support/redis-module-probe.ts'], { cwd: root });
    const probe = JSON.parse(stdout.trim().split('\n').pop()!) as { health: number; embedded: number; afterImport: number };
    expect(probe.health).toBe(200);
    expect(probe.embedded).toBe(0);
    expect(probe.afterImport).toBeGreaterThan(0);
  });
});
