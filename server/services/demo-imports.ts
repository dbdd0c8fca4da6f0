import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetDescription } from '../../shared/api-types.ts';
import type { ApiDeps } from '../api/deps.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { importDemoDataset } from './demo-datasets.ts';

/** DATA_DIR file: demo key → id of the dataset imported from it (datasets are immutable: one is enough). */
const IMPORTS_FILE = 'demo-datasets.json';
/** Written by ensureDemo (demo.json) before this file existed: its dataset is the penguins table. */
const LEGACY_DEMO_FILE = 'demo.json';

/**
 * Demo imports run one at a time per DATA_DIR: two clicks (or two tabs) on one table import it
 * once, and two tables imported at once both land in the file (no lost read-modify-write).
 */
const queues = new Map<string, Promise<unknown>>();

/** Demo key → dataset id, for the demo tables this server already holds (deleted ones left out). */
export async function importedDemos(deps: Pick<ApiDeps, 'config' | 'datasets'>): Promise<Map<string, string>> {
  const dir = deps.config.dataDir;
  const recorded = await readJsonObject(join(dir, IMPORTS_FILE));
  const legacy = await readJsonObject(join(dir, LEGACY_DEMO_FILE));
  if (typeof legacy.datasetId === 'string' && !('penguins' in recorded)) recorded.penguins = legacy.datasetId;
  const held = new Set(deps.datasets.list().map((d) => d.id));
  const found = new Map<string, string>();
  for (const [key, id] of Object.entries(recorded)) if (typeof id === 'string' && held.has(id)) found.set(key, id);
  return found;
}

/**
 * The dataset of a demo table: the one already imported on this server, else a new import
 * (remembered in DATA_DIR), so the start page lists each table once. Null for an unknown key.
 */
export function importDemoOnce(deps: Pick<ApiDeps, 'config' | 'datasets' | 'importer'>, key: string): Promise<{ detail: DatasetDescription; created: boolean } | null> {
  const dir = deps.config.dataDir;
  const work = (queues.get(dir) ?? Promise.resolve()).catch(() => undefined).then(async () => {
    const existing = (await importedDemos(deps)).get(key);
    if (existing !== undefined) return { detail: deps.datasets.describe(existing), created: false };
    const detail = await importDemoDataset(deps.importer, join(dir, 'uploads'), key);
    if (!detail) return null;
    const path = join(dir, IMPORTS_FILE);
    await writeFileAtomic(path, JSON.stringify({ ...(await readJsonObject(path)), [key]: detail.id }));
    return { detail: deps.datasets.describe(detail.id), created: true };
  });
  queues.set(dir, work);
  void work.finally(() => {
    if (queues.get(dir) === work) queues.delete(dir);
  }).catch(() => undefined);
  return work;
}

/** A JSON object file as a null-prototype record; missing or unreadable → empty (nothing remembered). */
async function readJsonObject(path: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return Object.create(null) as Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return Object.create(null) as Record<string, unknown>;
    return Object.assign(Object.create(null) as Record<string, unknown>, value);
  } catch {
    return Object.create(null) as Record<string, unknown>;
  }
}
