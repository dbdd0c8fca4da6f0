import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { readNotes, type AnalysisSummary } from '../../../shared/analysis-result.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { AnalysisStore } from '../../../server/store/analysis-store.ts';
import { loadAsset } from '../../support/assets.ts';
import { removeDir, tempDataDir } from '../../support/server-process.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

describe('analysis notes carry a level', async () => {
  const penguins = await loadAsset('penguins');
  const params = (clustering: object) => analysisParamsSchema.parse({ reduction: { method: 'pca' }, clustering, missing: 'drop' });

  it('the HDBSCAN parameters note is informational; rows left out for missing values are a warning', () => {
    const out = runPipeline(penguins, params({ method: 'hdbscan' }));
    const hdbscan = out.summary.notes.find((n) => n.text.startsWith('HDBSCAN on'));
    expect(hdbscan?.level).toBe('info');
    // Two penguins have no measurements (and more no sex): dropped, so the cloud lacks them.
    const dropped = out.summary.notes.find((n) => /rows had a missing feature value and were left out/.test(n.text));
    expect(dropped?.level).toBe('warning');
    expect(out.summary.notes.filter((n) => n.level === 'warning')).toEqual([dropped]);
  });

  it('reads notes stored as plain strings (before levels) as informational, and drops malformed ones', () => {
    expect(readNotes(['a', { level: 'warning', text: 'b' }, { text: 'c' }, 42, null, { level: 'warning' }])).toEqual([
      { level: 'info', text: 'a' },
      { level: 'warning', text: 'b' },
      { level: 'info', text: 'c' },
    ]);
    expect(readNotes(undefined)).toEqual([]);
  });

  it('an analysis saved before notes had a level opens with them as informational notes', async () => {
    const dataDir = await tempDataDir('mirage-notes-');
    dirs.push(dataDir);
    const out = runPipeline(penguins, params({ method: 'hdbscan' }));
    const legacy = { ...out.summary, notes: out.summary.notes.map((n) => n.text) } as unknown as AnalysisSummary;
    const id = 'legacyAnalysis1';
    await mkdir(join(dataDir, 'analyses', id), { recursive: true });
    const record = { id, datasetId: 'someDataset1', params: params({ method: 'hdbscan' }), key: 'k', status: 'done', progress: { stage: 'explain', fraction: 1 }, createdAt: '2026-01-01T00:00:00.000Z', result: legacy };
    await writeFile(join(dataDir, 'analyses', id, 'analysis.json'), JSON.stringify(record));
    const store = new AnalysisStore(dataDir);
    await store.open();
    expect(store.get(id).result!.notes).toEqual(out.summary.notes.map((n) => ({ level: 'info', text: n.text })));
  });
});
