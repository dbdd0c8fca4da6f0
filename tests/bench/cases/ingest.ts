import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { ingest } from '../../../server/ingest/ingest.ts';
import { ingestFile as ingestUpload } from '../../../server/ingest/ingest-file.ts';
import { timed } from '../harness.ts';

/** Benchmark cases for ingest, each run in its own child process by tests/bench/suites/ingest.ts. */
interface FileArgs {
  path: string;
}

export async function ingestFile({ path }: FileArgs): Promise<Record<string, number | string>> {
  const { value, ms } = await timed(() => ingest(createReadStream(path, { highWaterMark: 1 << 20 }), { fileName: path }));
  const numeric = value.table.columns.filter((c) => c.data.type === 'number').length;
  return { ms, rows: value.table.rowCount, columns: value.table.columns.length, numeric, bytes: value.bytes };
}

/** The stock figure: papaparse alone, streaming the same file into an array of row arrays. */
export async function papaparseRows({ path }: FileArgs): Promise<Record<string, number | string>> {
  const { value, ms } = await timed(
    () =>
      new Promise<string[][]>((resolve, reject) => {
        Papa.parse<string[]>(createReadStream(path, { highWaterMark: 1 << 20 }), {
          header: false,
          skipEmptyLines: true,
          complete: (result) => resolve(result.data),
          error: reject,
        });
      }),
  );
  return { ms, rows: value.length - 1, columns: value[0].length };
}

/** papaparse with dynamicTyping, the closest stock equivalent of our typed columns. */
export async function papaparseTyped({ path }: FileArgs): Promise<Record<string, number | string>> {
  const { value, ms } = await timed(
    () =>
      new Promise<unknown[][]>((resolve, reject) => {
        Papa.parse<unknown[]>(createReadStream(path, { highWaterMark: 1 << 20 }), {
          header: false,
          dynamicTyping: true,
          skipEmptyLines: true,
          complete: (result) => resolve(result.data),
          error: reject,
        });
      }),
  );
  return { ms, rows: value.length - 1, columns: value[0].length };
}

/** Any uploaded file through the worker's entry point (Parquet, Arrow, xlsx, or text). */
export async function ingestAnyFile({ path }: FileArgs): Promise<Record<string, number | string>> {
  const { value, ms } = await timed(() => ingestUpload(path));
  return { ms, rows: value.table.rowCount, columns: value.table.columns.length, format: value.format, bytes: value.bytes };
}
