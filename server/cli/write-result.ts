import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ANALYSIS_ARRAYS, SERVED_ARRAY_NAMES, type ServedArrays } from '../../shared/analysis-arrays.ts';
import type { AnalysisSummary } from '../../shared/analysis-result.ts';
import type { PointsJson } from '../../shared/api-types.ts';
import { encodeBuffer } from '../../shared/binary.ts';
import { publishDirectory, syncDirectory, writeFileAtomic } from '../store/atomic-write.ts';
import { PathError, type AnalyzeOptions } from './analyze-options.ts';

/**
 * Where the CLI puts an analysis's per-point result. Binary (the default): a folder holding
 * summary.json and one array file per served array, named and encoded as the analysis store
 * keeps them (`positions.bin`, `cluster.bin`, …; docs/binary-format.md), about 25 MB at 1M
 * points. JSON: one file `{ summary, points }`, points as GET /api/analyses/:id/points.json
 * gives them, about 90 MB at 1M points. Either appears whole or not at all.
 */
type Output = NonNullable<AnalyzeOptions['output']>;

const SUMMARY_FILE = 'summary.json';
const ARRAY_FILES = new Set(SERVED_ARRAY_NAMES.map((name) => `${ANALYSIS_ARRAYS[name].file}.bin`));

export interface CliResult {
  summary: AnalysisSummary;
  /** The arrays a client downloads (the feature matrix stays out: large, and only the server's). */
  arrays: ServedArrays;
}

/**
 * Refuses, before minutes of work, a target the result could not be written to or should not
 * replace: a folder where a file goes or the reverse, a folder that is not an earlier result,
 * a place that cannot be written.
 */
export async function checkOutputTarget(output: Output): Promise<void> {
  const path = resolve(output.path);
  const existing = await stat(path).catch(() => null);
  if (output.format === 'json' && existing?.isDirectory()) {
    throw new PathError(`--out ${output.path} is a folder; JSON output is one file: name a file.`);
  }
  if (output.format === 'binary' && existing && !existing.isDirectory()) {
    throw new PathError(`--out ${output.path} is a file; binary output is a folder: name a new folder (or use --format json).`);
  }
  if (output.format === 'binary' && existing && !(await isEarlierResult(path))) {
    throw new PathError(`--out ${output.path} is a folder that holds other files; binary output replaces only an earlier result folder (or an empty one): name a new folder.`);
  }
  const ancestor = await nearestExisting(dirname(path));
  if (!ancestor.isDirectory) throw new PathError(`--out ${output.path}: ${ancestor.path} is a file, not a folder.`);
  // Try it (a permission check alone passes for root, even on a read-only or virtual file system).
  const probe = join(ancestor.path, `.write-probe-${randomBytes(6).toString('hex')}`);
  await writeFile(probe, '', { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    throw new PathError(`--out ${output.path}: cannot write in ${ancestor.path} (${error.code}).`);
  });
  await rm(probe, { force: true });
}

export async function writeResult(output: Output, result: CliResult): Promise<void> {
  if (output.format === 'json') await writeFileAtomic(output.path, JSON.stringify({ summary: result.summary, points: pointsJson(result.arrays) }));
  else await writeResultFolder(resolve(output.path), result);
}

function pointsJson(arrays: CliResult['arrays']): PointsJson {
  const { rowIndex, positions } = arrays;
  return {
    rowIndex: Array.from(rowIndex),
    positions: Array.from({ length: rowIndex.length }, (_, i) => [positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]]),
    cluster: Array.from(arrays.cluster),
    anomaly: Array.from(arrays.anomaly),
  };
}

/**
 * Writes the folder under a temporary sibling name, then renames it into place; an earlier
 * result there is first moved aside and removed after. A crash leaves the earlier result or
 * the new one under the name (at worst the earlier one under its aside name), never a mixture.
 */
async function writeResultFolder(path: string, result: CliResult): Promise<void> {
  const parent = dirname(path);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(6).toString('hex');
  const tmp = join(parent, `.${basename(path)}.tmp-${suffix}`);
  const aside = join(parent, `.${basename(path)}.old-${suffix}`);
  let movedAside = false;
  try {
    await mkdir(tmp);
    for (const name of SERVED_ARRAY_NAMES) {
      const { file, width } = ANALYSIS_ARRAYS[name];
      await writeFileAtomic(join(tmp, `${file}.bin`), encodeBuffer(result.arrays[name], { columns: width }));
    }
    await writeFileAtomic(join(tmp, SUMMARY_FILE), JSON.stringify(result.summary));
    if (await exists(path)) {
      await rename(path, aside);
      movedAside = true;
    }
    await publishDirectory(tmp, path);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (movedAside && !(await exists(path))) await rename(aside, path);
    throw error;
  }
  if (movedAside) {
    await rm(aside, { recursive: true, force: true });
    await syncDirectory(parent);
  }
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** An empty folder, or one holding only what writeResultFolder writes. */
async function isEarlierResult(path: string): Promise<boolean> {
  const entries = await readdir(path);
  return entries.every((entry) => entry === SUMMARY_FILE || ARRAY_FILES.has(entry));
}

async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  for (let p = path; ; p = dirname(p)) {
    const found = await stat(p).catch(() => null);
    if (found) return { path: p, isDirectory: found.isDirectory() };
    if (dirname(p) === p) return { path: p, isDirectory: true };
  }
}
