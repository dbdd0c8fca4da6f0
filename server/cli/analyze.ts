import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ingestFile } from '../ingest/index.ts';
import { runPipelineInWorker } from '../jobs/run-in-worker.ts';
import { prepareWorkerBundles } from '../jobs/worker-bundles.ts';
import { parseAnalyzeArgs, PathError, UsageError, USAGE } from './analyze-options.ts';
import { formatSummary } from './format-summary.ts';
import { checkOutputTarget, writeResult } from './write-result.ts';

async function main(): Promise<number> {
  const args = parseAnalyzeArgs(process.argv.slice(2));
  if (args.help) {
    console.error(USAGE);
    return 0;
  }
  const { file, params, output } = args.options;
  const bytes = await inputSize(file);
  if (output) await checkOutputTarget(output);
  await prepareWorkerBundles();
  const started = performance.now();
  const ingested = await ingestFile(file, { fileName: file });
  const ingestMs = performance.now() - started;
  for (const w of ingested.warnings) console.error(`warning: ${w.message}`);
  const table = ingested.table;
  const { rowCount, columns } = table;
  const columnNames = columns.map((c) => `${c.name} (${c.data.type}${c.identifier ? ', identifier' : ''})`);
  let lastStage = '';
  const run = runPipelineInWorker(table, params, {
    datasetName: basename(file),
    onProgress: (stage, fraction) => {
      // A terminal gets one live line; a log gets one line per stage.
      if (process.stderr.isTTY) process.stderr.write(`\r${stage.padEnd(10)} ${(fraction * 100).toFixed(0).padStart(3)}%`);
      else if (stage !== lastStage) process.stderr.write(`${stage}…\n`);
      lastStage = stage;
    },
  });
  process.once('SIGINT', () => void run.cancel());
  const result = await run.result;
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(formatSummary({ file, bytes, rowCount, columnNames, ingestMs, summary: result.summary }));
  if (output) {
    await writeResult(output, { summary: result.summary, arrays: result });
    console.log(`Wrote ${output.path} (${output.format === 'json' ? 'JSON' : 'a folder of binary arrays: docs/binary-format.md'})`);
  }
  return 0;
}

/** The input's size, or a sentence saying why it cannot be read. */
async function inputSize(file: string): Promise<number> {
  const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new PathError(error.code === 'ENOENT' ? `${file}: no such file.` : `${file}: cannot be read (${error.code}).`);
  });
  if (!found.isFile()) throw new PathError(`${file} is not a file (a folder?): name the table file to analyse.`);
  return found.size;
}

main().then(
  (code) => process.exit(code),
  (error: Error & { code?: string }) => {
    if (error instanceof UsageError || error instanceof PathError) {
      console.error(`error: ${error.message}${error instanceof UsageError ? `\n\n${USAGE}` : ''}`);
      process.exit(2);
    }
    console.error(`error${error.code ? ` (${error.code})` : ''}: ${error.message}`);
    process.exit(1);
  },
);
