import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analysisParamsSchema } from '../../shared/analysis-params.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { ApiDeps } from '../api/deps.ts';
import type { SessionRecord } from '../store/session-store.ts';
import { importDemoOnce } from './demo-imports.ts';

/**
 * The four body measurements (species, island and sex left for the explanations to find):
 * UMAP separates Gentoo clearly and Adelie / Chinstrap mostly; k = 3 matches the species count.
 */
const DEMO_PARAMS = analysisParamsSchema.parse({
  features: ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
  reduction: { method: 'umap' },
  clustering: { method: 'kmeans', k: 3 },
});

interface DemoRecord {
  datasetId: string;
  analysisId: string;
  sessionId: string;
}

/**
 * On an empty DATA_DIR: import the demo dataset, start its default analysis and open a session
 * on it, so `npm start` shows something at once. The ids are remembered in demo.json and a
 * second start reuses them.
 */
export async function ensureDemo(deps: ApiDeps): Promise<SessionRecord | null> {
  const recordPath = demoRecordPath(deps.config.dataDir);
  const existing = await readDemoRecord(recordPath);
  if (existing && deps.sessions.has(existing.sessionId)) return deps.sessions.get(existing.sessionId);
  if (deps.datasets.list().length > 0 || deps.sessions.list().length > 0) return null;

  const dataset = (await importDemoOnce(deps, 'penguins'))!.detail;
  const { analysis } = await deps.jobs.submit(dataset.id, DEMO_PARAMS);
  const session = await deps.sessionService.create({ datasetId: dataset.id, analysisId: analysis.id, title: 'Palmer penguins (demo)' });
  const record: DemoRecord = { datasetId: dataset.id, analysisId: analysis.id, sessionId: session.id };
  await writeFileAtomic(recordPath, JSON.stringify(record));
  return session;
}

/**
 * The demo session this server created on its first start (demo.json), if it still exists;
 * null when DEMO was off or DATA_DIR already held data then. The start page links it.
 */
export async function demoSession(deps: Pick<ApiDeps, 'config' | 'sessions' | 'datasets'>): Promise<SessionRecord | null> {
  const record = await readDemoRecord(demoRecordPath(deps.config.dataDir));
  if (!record || !deps.sessions.has(record.sessionId)) return null;
  const session = deps.sessions.get(record.sessionId);
  // A session whose table was deleted opens to "nothing left to show": the start page must not offer it.
  return deps.datasets.has(session.datasetId) ? session : null;
}

function demoRecordPath(dataDir: string): string {
  return join(dataDir, 'demo.json');
}

async function readDemoRecord(path: string): Promise<DemoRecord | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as DemoRecord;
  } catch {
    return null;
  }
}
