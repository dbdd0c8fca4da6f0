import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finished } from 'node:stream/promises';
import { printTable, runCase } from '../harness.ts';
import { generateMixture, type Mixture } from '../../support/synthetic.ts';

/**
 * Ingest throughput and memory on a ~100 MB CSV (600k rows × 23 columns of the synthetic
 * mixture) and the same rows as a JSON array, each case in its own process, beside papaparse
 * alone parsing the same CSV into row arrays. Target: peak RSS < 4× the file size.
 */
const casesModule = fileURLToPath(new URL('../cases/ingest.ts', import.meta.url));
const ROWS = Number(process.env.INGEST_BENCH_ROWS ?? 600_000);
const JSON_ROWS = Math.round(ROWS / 3);

/** Streams the mixture out row by row so the suite itself never holds the text. */
async function writeRows(path: string, mix: Mixture, rows: number, json: boolean): Promise<void> {
  const out = createWriteStream(path);
  const names = [...mix.numericNames, ...mix.categoricalNames];
  const { cols, data } = mix.numeric;
  let buffer = json ? '[\n' : names.join(',') + '\n';
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < cols; j++) cells.push(data[i * cols + j].toPrecision(6));
    for (const column of mix.categorical) cells.push(json ? JSON.stringify(column[i]) : column[i]);
    buffer += json ? `{${cells.map((c, k) => `"${names[k]}":${c}`).join(',')}}${i < rows - 1 ? ',' : ''}\n` : cells.join(',') + '\n';
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((r) => out.once('drain', r));
      buffer = '';
    }
  }
  out.end(buffer + (json ? ']\n' : ''));
  await finished(out);
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ingest-bench-'));
  try {
    const mix = generateMixture({ rows: ROWS, numeric: 20, categorical: 3, seed: 11 });
    const csv = join(dir, 'mixture.csv');
    const json = join(dir, 'mixture.json');
    await writeRows(csv, mix, ROWS, false);
    await writeRows(json, mix, JSON_ROWS, true);
    const rows: Record<string, string | number>[] = [];
    const measure = async (label: string, fn: string, path: string) => {
      const mb = (await stat(path)).size / 2 ** 20;
      const outcome = await runCase(casesModule, fn, { path });
      const ms = Number(outcome.result.ms);
      rows.push({
        case: label,
        'file MB': mb,
        rows: outcome.result.rows,
        's': ms / 1000,
        'MB/s': mb / (ms / 1000),
        'peak RSS MB': outcome.peakRssMB,
        'RSS / file': outcome.peakRssMB / mb,
        'baseline MB': outcome.baselineRssMB,
      });
    };
    await measure('ours: ingest CSV → typed columns', 'ingestFile', csv);
    await measure('papaparse: CSV → row arrays (strings)', 'papaparseRows', csv);
    await measure('papaparse: CSV → row arrays (dynamicTyping)', 'papaparseTyped', csv);
    await measure('ours: ingest JSON → typed columns', 'ingestFile', json);
    printTable(`ingest, ${ROWS} rows × 23 columns (JSON: ${JSON_ROWS} rows)`, rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
