import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../../server/store/session-store.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('session records hold tokens: readable by their owner only', () => {
  it('writes session.json 0600 on create and re-bind, and tightens an older 0644 record on open', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mirage-session-mode-'));
    dirs.push(dataDir);
    const store = new SessionStore(dataDir);
    await store.open();
    const record = await store.create({ datasetId: 'd1', analysisId: 'a1', title: 'Workshop' });
    const path = join(dataDir, 'sessions', record.id, 'session.json');
    expect(await modeOf(path)).toBe(0o600);
    await store.rebind(record.id, 'a2');
    expect(await modeOf(path)).toBe(0o600);

    await chmod(path, 0o644);
    const reopened = new SessionStore(dataDir);
    await reopened.open();
    expect(reopened.get(record.id).analysisId).toBe('a2');
    expect(await modeOf(path)).toBe(0o600);
  });
});
