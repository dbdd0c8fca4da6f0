import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DriftReport } from '../../shared/insights/drift.ts';
import { writeFileAtomic } from './atomic-write.ts';

/**
 * A comparison dataset keeps the drift report of the two datasets it joins (drift.json, in its
 * directory, written atomically): its sessions read it without access to the originals, and it
 * stays right after either original is deleted.
 */
const DRIFT_FILE = 'drift.json';

export async function readDriftFile(dir: string): Promise<DriftReport | undefined> {
  try {
    const stored = JSON.parse(await readFile(join(dir, DRIFT_FILE), 'utf8')) as unknown;
    return stored && typeof stored === 'object' && Array.isArray((stored as DriftReport).columns) ? (stored as DriftReport) : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function writeDriftFile(dir: string, report: DriftReport): Promise<void> {
  await writeFileAtomic(join(dir, DRIFT_FILE), JSON.stringify(report));
}
