import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredQuality } from '../data-quality/dataset-quality.ts';
import type { StoredRule } from '../data-quality/rules/check-rules.ts';
import { writeFileAtomic } from './atomic-write.ts';

/**
 * A dataset's quality report (quality.json, computed once) and its rules (rules.json) live in
 * the dataset's directory beside its columns, each written atomically: deleting the dataset
 * deletes them, a crash leaves the old file or the new one.
 */
const QUALITY_FILE = 'quality.json';
const RULES_FILE = 'rules.json';

export async function readQualityFile(dir: string): Promise<StoredQuality | undefined> {
  const stored = await readJsonFile(join(dir, QUALITY_FILE));
  return stored && typeof stored === 'object' && Array.isArray((stored as StoredQuality).findings) ? (stored as StoredQuality) : undefined;
}

export async function writeQualityFile(dir: string, quality: StoredQuality): Promise<void> {
  await writeFileAtomic(join(dir, QUALITY_FILE), JSON.stringify(quality));
}

export async function readRulesFile(dir: string): Promise<StoredRule[]> {
  const stored = await readJsonFile(join(dir, RULES_FILE));
  const rules = stored && typeof stored === 'object' ? (stored as { rules?: unknown }).rules : undefined;
  return Array.isArray(rules) ? (rules as StoredRule[]) : [];
}

export async function writeRulesFile(dir: string, rules: readonly StoredRule[]): Promise<void> {
  await writeFileAtomic(join(dir, RULES_FILE), JSON.stringify({ rules }));
}

async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
