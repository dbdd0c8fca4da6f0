import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../shared/analysis-result.ts';
import type { PointsJson } from '../../../shared/api-types.ts';
import { decodeBuffer, type DecodedBuffer } from '../../../shared/binary.ts';
import { assetPath } from '../../support/assets.ts';

/**
 * The real CLI (`npm run analyze`) on a real table, as a user runs it: the binary result folder
 * read back through the one decoder equals the JSON output of the same analysis, and bad
 * flags or paths get a sentence and exit 2 without touching anything.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(root, 'server/cli/analyze.ts');
const penguins = assetPath('penguins');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function analyze(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The summary without its timings, which differ between two runs of the same analysis. */
const withoutTimings = ({ timings: _timings, ...rest }: AnalysisSummary) => rest;

let dir: string;
let folder: string;
let binaryRun: Run;
let jsonRun: Run;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirage-cli-'));
  folder = join(dir, 'penguins-result');
  // An earlier result in the folder (a summary alone): the new run replaces it whole.
  await mkdir(folder);
  await writeFile(join(folder, 'summary.json'), '{"earlier":true}');
  // Penguins has rows with missing values: the dropped rows make rowIndex differ from 0..n-1.
  [binaryRun, jsonRun] = await Promise.all([
    analyze(penguins, '--out', folder, '--seed', '7'),
    analyze(penguins, '--out', join(dir, 'penguins.json'), '--seed', '7'),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run analyze writes the per-point result', () => {
  it('as a folder of binary arrays by default, equal to the JSON output of the same analysis', async () => {
    expect(binaryRun.code, binaryRun.stderr).toBe(0);
    expect(jsonRun.code, jsonRun.stderr).toBe(0);
    expect(binaryRun.stdout).toContain(`Wrote ${folder}`);
    expect((await readdir(folder)).sort()).toEqual(['anomaly.bin', 'anomalyFlag.bin', 'cluster.bin', 'positions.bin', 'rowIndex.bin', 'summary.json']);
    // Nothing left beside it: no temporary folder, no earlier result moved aside.
    expect((await readdir(dir)).sort()).toEqual(['penguins-result', 'penguins.json']);

    const read = async (file: string): Promise<DecodedBuffer> => decodeBuffer(await readFile(join(folder, file)));
    const [rowIndex, positions, cluster, anomaly, anomalyFlag] = await Promise.all(
      ['rowIndex.bin', 'positions.bin', 'cluster.bin', 'anomaly.bin', 'anomalyFlag.bin'].map(read),
    );
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8')) as AnalysisSummary;
    const json = JSON.parse(await readFile(join(dir, 'penguins.json'), 'utf8')) as { summary: AnalysisSummary; points: PointsJson };

    const n = summary.pointCount;
    expect(n).toBeGreaterThan(300);
    expect(summary.droppedRows).toBeGreaterThan(0);
    expect([rowIndex.dtype, positions.dtype, cluster.dtype, anomaly.dtype, anomalyFlag.dtype]).toEqual(['uint32', 'float32', 'int32', 'float32', 'uint8']);
    expect([rowIndex.shape, positions.shape, cluster.shape, anomaly.shape]).toEqual([[n, 1], [n, 3], [n, 1], [n, 1]]);

    // Round trip: the same numbers as the JSON (float32 values survive JSON exactly).
    expect(Array.from(rowIndex.data)).toEqual(json.points.rowIndex);
    expect(Array.from(positions.data)).toEqual(json.points.positions.flat());
    expect(Array.from(cluster.data)).toEqual(json.points.cluster);
    expect(Array.from(anomaly.data)).toEqual(json.points.anomaly);
    expect(withoutTimings(summary)).toEqual(withoutTimings(json.summary));

    // The arrays agree with the summary they came with.
    for (const c of summary.clusters) expect(Array.from(cluster.data).filter((v) => v === c.id).length).toBe(c.size);
    expect(Array.from(anomalyFlag.data).filter((v) => v === 1).length).toBe(summary.anomalies.flagged);
    expect(json.points.rowIndex.every((row, i) => i === 0 || row > json.points.rowIndex[i - 1])).toBe(true);
  });

  it('refuses bad flags and paths with a sentence and exit 2, writing nothing', async () => {
    const unknown = await analyze(penguins, '--ouput', join(dir, 'x'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown option --ouput.');
    expect(unknown.stderr).toContain('Usage: npm run analyze');

    const missing = await analyze(join(dir, 'no-such.csv'), '--out', join(dir, 'x'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such.csv: no such file.');

    // A folder of other files is never replaced by a result.
    const other = join(dir, 'notes');
    await mkdir(other);
    await writeFile(join(other, 'keep.txt'), 'mine');
    const refused = await analyze(penguins, '--out', other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('holds other files');
    expect(await readdir(other)).toEqual(['keep.txt']);
    expect((await readdir(dir)).sort()).toEqual(['notes', 'penguins-result', 'penguins.json']);
  });
});
