import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisDescription, DatasetDescription, SessionCreated } from '../../shared/api-types.ts';
import { postAnalysis, waitForAnalysis } from '../support/analysis-client.ts';
import { addAnnotation, readAnnotations } from '../../shared/session/index.ts';
import { generateMixture, mixtureToCsv } from '../support/synthetic.ts';
import { connectClient, sleep, waitFor, whenSynced } from '../support/collab-harness.ts';
import { CONTENT_TYPES, ownerFetch, postJson, uploadAsset, uploadText } from '../support/http.ts';
import { removeDir, startServerChild, tempDataDir, type ServerChild } from '../support/server-process.ts';

let dataDir: string;
let child: ServerChild | null = null;

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-crash-');
});
afterAll(async () => {
  await child?.stop().catch(() => undefined);
  await removeDir(dataDir);
});

/** Every JSON file the server wrote parses: nothing torn. */
async function assertNoTornJson(dir: string): Promise<number> {
  let checked = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    expect(() => JSON.parse(text), join(entry.parentPath, entry.name)).not.toThrow();
    checked++;
  }
  return checked;
}

describe('SIGKILL at any moment loses nothing acknowledged and tears nothing', () => {
  it('keeps every edit another participant received when the server is killed mid-burst', async () => {
    child = await startServerChild(dataDir);
    const dataset = await uploadAsset(child.url, 'iris');
    const session = (await (await postJson(`${child.url}/api/sessions`, { datasetId: dataset.id })).json()) as SessionCreated;
    const wsBase = child.url.replace('http', 'ws') + '/yjs';
    const writer = connectClient(wsBase, session.id, session.editToken);
    const watcher = connectClient(wsBase, session.id, session.editToken);
    await Promise.all([whenSynced(writer), whenSynced(watcher)]);

    let written = 0;
    const burst = (async () => {
      while (written < 400) {
        addAnnotation(writer.doc, { rowIndex: written % 150, text: `note ${written}`, author: 'writer', color: '#336699' });
        written++;
        await sleep(2);
      }
    })();
    await waitFor(() => readAnnotations(watcher.doc).length >= 40, 10_000, 'the watcher to receive edits');
    await child.kill();
    // What the watcher had received when the server died was relayed, so it must be durable.
    const received = new Set(readAnnotations(watcher.doc).map((a) => a.text));
    writer.provider.disconnect();
    watcher.provider.disconnect();
    await burst;
    writer.destroy();
    watcher.destroy();
    expect(received.size).toBeGreaterThanOrEqual(40);

    child = await startServerChild(dataDir);
    const reader = connectClient(child.url.replace('http', 'ws') + '/yjs', session.id, session.viewToken);
    await whenSynced(reader);
    const stored = new Set(readAnnotations(reader.doc).map((a) => a.text));
    reader.destroy();
    for (const text of received) expect(stored.has(text), text).toBe(true);
    expect(await assertNoTornJson(dataDir)).toBeGreaterThan(0);
    await child.stop();
    child = null;
  });

  it('resumes an analysis that was running when the server was killed', async () => {
    child = await startServerChild(dataDir);
    const dataset = await uploadAsset(child.url, 'seattle');
    const { id } = await postAnalysis(child.url, dataset.id, { reduction: { method: 'tsne' }, seed: 3 });
    // Kill once it is really running (progress past the start).
    for (let tries = 0; tries < 200; tries++) {
      const a = (await (await ownerFetch(`${child.url}/api/analyses/${id}`)).json()) as AnalysisDescription;
      if (a.status === 'running' && a.progress.fraction > 0.06) break;
      await sleep(50);
    }
    await child.kill();
    child = await startServerChild(dataDir);
    const done = await waitForAnalysis(child.url, id, 180_000);
    expect(done.status).toBe('done');
    expect(done.result!.pointCount).toBe(1461);
    await child.stop();
    child = null;
  });

  it('leaves an upload whole or absent when the server is killed during it', async () => {
    const csv = mixtureToCsv(generateMixture({ rows: 60_000, seed: 7 }));
    const expectedRows = 60_000;
    for (const delayMs of [30, 250, 900]) {
      child = await startServerChild(dataDir);
      const before = ((await (await ownerFetch(`${child.url}/api/datasets`)).json()) as { datasets: DatasetDescription[] }).datasets.length;
      const upload = uploadText(child.url, csv, CONTENT_TYPES.csv, `killed-after-${delayMs}ms`).catch(() => null);
      await sleep(delayMs);
      await child.kill();
      await upload;

      child = await startServerChild(dataDir);
      const { datasets } = (await (await ownerFetch(`${child.url}/api/datasets`)).json()) as { datasets: DatasetDescription[] };
      const mine = datasets.filter((d) => d.name === `killed-after-${delayMs}ms`);
      expect(datasets.length - before).toBe(mine.length);
      for (const d of mine) {
        // Present means complete: every row and every column readable.
        expect(d.rowCount).toBe(expectedRows);
        const last = await ownerFetch(`${child.url}/api/datasets/${d.id}/rows?offset=${expectedRows - 1}&limit=1`);
        expect(((await last.json()) as { rows: unknown[] }).rows).toHaveLength(1);
      }
      const leftovers = (await readdir(join(dataDir, 'datasets'))).filter((e) => e.startsWith('.tmp-'));
      expect(leftovers).toEqual([]);
      expect(await readdir(join(dataDir, 'uploads')).catch(() => [])).toEqual([]);
      await assertNoTornJson(dataDir);
      await child.stop();
      child = null;
    }
  });
});
