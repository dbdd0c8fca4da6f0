import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { dictionaryEncode, type Table } from '../../../shared/table.ts';
import { printTable, runCase } from '../harness.ts';
import { generateMixture } from '../../support/synthetic.ts';
import { writeArrowFixture, writeParquetFixture } from '../../support/table-fixtures.ts';

/**
 * Peak memory of importing the same 200k rows (8 numbers, 2 categories, 1 date) as CSV, Parquet
 * (row groups of 50k), Arrow IPC file and stream (batches of 20k) and .xlsx, each in its own
 * process through the upload path (ingestFile): the binary readers must stay bounded like CSV.
 */
const casesModule = fileURLToPath(new URL('../cases/ingest.ts', import.meta.url));
const ROWS = Number(process.env.FORMATS_BENCH_ROWS ?? 200_000);
const DAY = 86_400_000;

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ingest-formats-bench-'));
  try {
    const mix = generateMixture({ rows: ROWS, numeric: 8, categorical: 2, seed: 7 });
    const names = [...mix.numericNames, ...mix.categoricalNames, 'day'];
    const numbers = mix.numericNames.map((_, j) => Float64Array.from({ length: ROWS }, (_, i) => Number(mix.numeric.data[i * mix.numeric.cols + j].toPrecision(6))));
    const days = Array.from({ length: ROWS }, (_, i) => new Date(Date.UTC(2020, 0, 1) + (i % 1500) * DAY));
    const row = (i: number) => [...numbers.map((c) => c[i]), ...mix.categorical.map((c) => c[i]), days[i]];

    const files: Record<string, string> = {};
    files.csv = join(dir, 'rows.csv');
    const out = createWriteStream(files.csv);
    out.write(names.join(',') + '\n');
    for (let i = 0; i < ROWS; i++) {
      const cells = row(i).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)));
      if (!out.write(cells.join(',') + '\n')) await new Promise((r) => out.once('drain', r));
    }
    out.end();
    await finished(out);

    // The same rows as a table, written by the libraries' own writers (as the round-trip tests do).
    const table: Table = {
      rowCount: ROWS,
      columns: [
        ...mix.numericNames.map((name, j) => ({ name, identifier: false, data: { type: 'number' as const, values: numbers[j] } })),
        ...mix.categoricalNames.map((name, j) => ({ name, identifier: false, data: { type: 'category' as const, ...dictionaryEncode(mix.categorical[j]) } })),
        { name: 'day', identifier: false, data: { type: 'datetime' as const, values: Float64Array.from(days, (d) => d.getTime()) } },
      ],
    };
    files.parquet = join(dir, 'rows.parquet');
    await writeParquetFixture(table, files.parquet, 50_000);
    files['arrow file'] = join(dir, 'rows.arrow');
    files['arrow stream'] = join(dir, 'rows.arrows');
    await writeArrowFixture(table, files['arrow file'], 'file', 20_000);
    await writeArrowFixture(table, files['arrow stream'], 'stream', 20_000);

    files.xlsx = join(dir, 'rows.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: files.xlsx, useSharedStrings: true, useStyles: true });
    const sheet = workbook.addWorksheet('rows');
    sheet.columns = names.map((name) => ({ header: name, key: name, ...(name === 'day' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
    for (let i = 0; i < ROWS; i++) sheet.addRow(row(i)).commit();
    sheet.commit();
    await workbook.commit();

    const rows: Record<string, string | number>[] = [];
    for (const [label, path] of Object.entries(files)) {
      const mb = (await stat(path)).size / 2 ** 20;
      const outcome = await runCase(casesModule, 'ingestAnyFile', { path });
      rows.push({
        case: label,
        'file MB': mb,
        rows: outcome.result.rows,
        columns: outcome.result.columns,
        s: Number(outcome.result.ms) / 1000,
        'peak RSS MB': outcome.peakRssMB,
        'baseline MB': outcome.baselineRssMB,
        'peak − baseline MB': outcome.peakRssMB - outcome.baselineRssMB,
      });
    }
    printTable(`ingest by format, ${ROWS} rows × ${names.length} columns`, rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
