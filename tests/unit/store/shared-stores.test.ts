import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { AnalysisStore } from '../../../server/store/analysis-store.ts';
import { DataDirLockedError, DataDirSharedError, lockDataDir, markDataDirShared, unmarkDataDirShared } from '../../../server/store/data-dir-lock.ts';
import { DatasetStore, datasetDetail } from '../../../server/store/dataset-store.ts';
import type { StoreSharing } from '../../../server/store/store-sharing.ts';
import { profileTable } from '../../../server/ingest/profile.ts';
import { loadAsset } from '../../support/assets.ts';
import { removeDir, tempDataDir } from '../../support/server-process.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

/** Stands for the Redis store events: these tests show the stores stay true without any. */
const silent: StoreSharing = { changed: () => {} };

async function twoProcesses<T extends { open(): Promise<void> }>(make: (dir: string) => T): Promise<[T, T, string]> {
  const dir = await tempDataDir('mirage-shared-');
  dirs.push(dir);
  const [a, b] = [make(dir), make(dir)];
  await a.open();
  await b.open();
  return [a, b, dir];
}

describe('stores on a DATA_DIR shared by several processes, with no event reaching them', () => {
  it('a dataset published by one is served by the other, and is gone there once the first deletes it', async () => {
    const [a, b] = await twoProcesses((dir) => new DatasetStore(dir, silent));
    const table = await loadAsset('iris');
    const target = a.reserve();
    const detail = datasetDetail(target.id, { name: 'iris', format: 'csv', bytes: 4_551, warnings: [] }, table, profileTable(table).columns);
    await DatasetStore.writeDirectory(target.tmpDir, detail, table);
    await a.publish(target, detail);
    expect(b.has(target.id)).toBe(true);
    expect((await b.readTable(target.id)).rowCount).toBe(150);
    await a.delete(target.id);
    expect(b.has(target.id)).toBe(false);
    expect(() => b.get(target.id)).toThrow(/No dataset/);
  });

  it("an analysis' status written by one (a worker) is what the other reads next, even within one millisecond", async () => {
    const [api, worker, dir] = await twoProcesses((d) => new AnalysisStore(d, silent));
    const params = analysisParamsSchema.parse({ reduction: { method: 'pca' } });
    const created = await api.create('someDataset1', params, 'key-of-it', 'key-of-it-0001');
    expect(worker.get(created.id).status).toBe('queued');
    await worker.update(created.id, { status: 'running' });
    expect(api.get(created.id).status).toBe('running');
    // Same size and mtime as the file read before, but a new file (atomic rename): still re-read.
    const path = join(dir, 'analyses', created.id, 'analysis.json');
    const before = new Date();
    await worker.update(created.id, { status: 'failed' });
    await utimes(path, before, before);
    expect(api.get(created.id).status).toBe('failed');
  });

  it('an embedded store (no sharing) keeps serving its own cache, as before', async () => {
    const [a, b] = await twoProcesses((d) => new AnalysisStore(d));
    const params = analysisParamsSchema.parse({ reduction: { method: 'pca' } });
    const created = await a.create('someDataset1', params, 'k');
    expect(() => b.get(created.id)).toThrow(/No analysis/);
  });
});

describe('the claim on DATA_DIR with and without REDIS_URL', () => {
  it('an embedded server refuses a shared folder; a shared process refuses a folder an embedded server holds', async () => {
    const dir = await tempDataDir('mirage-claim-');
    dirs.push(dir);
    await markDataDirShared(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirSharedError);
    await unmarkDataDirShared(dir);
    const lock = await lockDataDir(dir);
    await expect(markDataDirShared(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await lock.release();
    await writeFile(join(dir, 'server.lock'), '999999999 1\n');
    await markDataDirShared(dir); // a dead server's claim is taken over
    await expect(lockDataDir(dir)).rejects.toThrow(/shared by Data Mirage processes coordinated through Redis/);
  });
});
