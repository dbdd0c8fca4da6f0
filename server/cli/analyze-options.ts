import { parseArgs } from 'node:util';
import { analysisParamsSchema, type AnalysisParams } from '../../shared/analysis-params.ts';

/** The command line of `npm run analyze`, read into what the CLI does; no I/O here. */
export const USAGE = `Usage: npm run analyze -- <file> [options]
  <file>: CSV, TSV, JSON, Parquet, Arrow or Excel (.xlsx)
  --reduction umap|tsne|pca          (default umap)
  --clustering kmeans|dbscan|hdbscan (default kmeans)
  --k N|auto                         k-means clusters (default auto)
  --anomalies isolation-forest|zscore|density (default isolation-forest)
  --missing drop|impute              (default drop)
  --features a,b,c                   columns to use (default: all usable)
  --text a,b                         free-text columns whose words become features (TF-IDF + SVD, 20 dimensions)
  --seed N                           (default 42)
  --out PATH                         write the per-point result (positions, cluster, anomaly, row index)
  --format binary|json               binary: PATH is a folder of binary arrays plus summary.json (default);
                                     json: PATH is one JSON file (default when PATH ends in .json)`;

export type OutputFormat = 'binary' | 'json';

export interface AnalyzeOptions {
  file: string;
  params: AnalysisParams;
  output?: { path: string; format: OutputFormat };
}

/** A command line that cannot run: the message says what is wrong; the CLI prints it with USAGE. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input or output path that cannot be used: the CLI prints the message alone. */
export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

const FORMATS: readonly OutputFormat[] = ['binary', 'json'];

/** `{ help: true }` for -h/--help; otherwise the options, or a UsageError. */
export function parseAnalyzeArgs(argv: string[]): { help: true } | { help: false; options: AnalyzeOptions } {
  const { values, positionals } = readArgs(argv);
  if (values.help) return { help: true };
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'Name the file to analyse.' : `One file at a time; got ${positionals.length}: ${positionals.join(', ')}.`);
  }
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
    throw new UsageError(`Invalid option ${issue.path.join('.')}: ${issue.message}`);
  }
  return { help: false, options: { file: positionals[0], params: parsed.data, output: outputOf(values.out, values.format) } };
}

function readArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
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
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // node:util's messages are long and suggest `--` tricks; say the one thing that is wrong.
    const code = (error as { code?: string }).code;
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Unknown option ${option}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /missing|ambiguous/.test((error as Error).message)) {
      throw new UsageError(`Option ${option} needs a value.`);
    }
    throw new UsageError((error as Error).message);
  }
}

function outputOf(path: string | undefined, format: string | undefined): AnalyzeOptions['output'] {
  if (format !== undefined && !FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`Unknown --format "${format}": use binary or json.`);
  }
  if (path === undefined) {
    if (format !== undefined) throw new UsageError('--format says how to write --out; give --out PATH too.');
    return undefined;
  }
  if (path.trim() === '') throw new UsageError('--out needs a path.');
  const namedJson = /\.json$/i.test(path);
  if (format === 'binary' && namedJson) {
    throw new UsageError(`--format binary writes a folder, but --out ${path} names a .json file: choose a folder name, or --format json.`);
  }
  return { path, format: (format as OutputFormat | undefined) ?? (namedJson ? 'json' : 'binary') };
}
