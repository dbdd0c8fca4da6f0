import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { analysisParamsSchema } from '../../shared/analysis-params.ts';
import type { PointsJson } from '../../shared/api-types.ts';
import { ingest } from '../ingest/index.ts';
import { runPipelineInWorker } from '../jobs/run-in-worker.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { formatSummary } from './format-summary.ts';

const USAGE = `Usage: npm run analyze -- <file.csv|file.json> [options]
  --reduction umap|tsne|pca          (default umap)
  --clustering kmeans|dbscan|hdbscan (default kmeans)
  --k N|auto                         k-means clusters (default auto)
  --anomalies isolation-forest|zscore|density (default isolation-forest)
  --missing drop|impute              (default drop)
  --features a,b,c                   columns to use (default: all usable)
  --text a,b                         free-text columns whose words become features (TF-IDF + SVD, 20 dimensions)
  --seed N                           (default 42)
  --out result.json                  write summary and points as JSON`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reduction: { type: 'string' },
      clustering: { type: 'string' },
      k: { type: 'string' },
      anomalies: { type: 'string' },
      missing: { type: 'string' },
      features: { type: 'string' },
      text: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const file = positionals[0];
  const parsed = analysisParamsSchema.safeParse({
    reduction: { method: values.reduction ?? 'umap' },
    clustering: { method: values.clustering ?? 'kmeans', k: values.k === undefined || values.k === 'auto' ? 'auto' : Number(values.k) },
    anomalies: { method: values.anomalies ?? 'isolation-forest' },
    missing: values.missing ?? 'drop',
    features: values.features?.split(',').map((s) => s.trim()),
    ...(values.text !== undefined && { text: { columns: values.text.split(',').map((s) => s.trim()) } }),
    seed: values.seed === undefined ? 42 : Number(values.seed),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`Invalid option ${issue.path.join('.')}: ${issue.message}\n\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  const bytes = (await stat(file)).size;
  const ingested = await ingest(createReadStream(file), { fileName: file });
  const ingestMs = performance.now() - started;
  for (const w of ingested.warnings) console.error(`warning: ${w.message}`);
  const table = ingested.table;
  const { rowCount, columns } = table;
  const columnNames = columns.map((c) => `${c.name} (${c.data.type}${c.identifier ? ', identifier' : ''})`);
  let lastStage = '';
  const run = runPipelineInWorker(table, parsed.data, {
    datasetName: basename(file),
    onProgress: (stage, fraction) => {
      // A terminal gets one live line; a log gets one line per stage.
      if (process.stderr.isTTY) process.stderr.write(`\r${stage.padEnd(10)} ${(fraction * 100).toFixed(0).padStart(3)}%`);
      else if (stage !== lastStage) process.stderr.write(`${stage}…\n`);
      lastStage = stage;
    },
  });
  process.once('SIGINT', () => void run.cancel());
  const output = await run.result;
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(formatSummary({ file, bytes, rowCount, columnNames, ingestMs, summary: output.summary }));
  if (values.out) {
    const points: PointsJson = {
      rowIndex: Array.from(output.rowIndex),
      positions: Array.from({ length: output.rowIndex.length }, (_, i) => [output.positions[3 * i], output.positions[3 * i + 1], output.positions[3 * i + 2]]),
      cluster: Array.from(output.cluster),
      anomaly: Array.from(output.anomaly),
    };
    await writeFileAtomic(values.out, JSON.stringify({ summary: output.summary, points }));
    console.log(`Wrote ${values.out}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error & { code?: string }) => {
    console.error(`error${error.code ? ` (${error.code})` : ''}: ${error.message}`);
    process.exit(1);
  },
);
