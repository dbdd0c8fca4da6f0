import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { analysisParamsSchema, type AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { ingest } from '../../../server/ingest/index.ts';
import { generateMixture } from '../../support/synthetic.ts';
import { timed } from '../harness.ts';

/**
 * The whole path a user's file takes: CSV on disk → ingest → pipeline, with the peak resident
 * memory reached by the end of each stage (maxRSS is a high-water mark, read at stage changes),
 * the time to the first intermediate layout (the pipeline's onLayout hook, as the server streams
 * it), and the CPU seconds of the process (all its threads) beside the load average, since wall
 * times on a shared machine stretch with the load.
 */
export async function csvToClusters(args: { path: string; labelsSeed: number; rows: number; params: AnalysisParamsInput }): Promise<Record<string, number | string>> {
  const peakMB = () => process.resourceUsage().maxRSS / 1024;
  const stagePeak: Record<string, number> = {};
  const loadBefore = loadavg()[0];
  let start = 0;
  let firstLayoutMs = NaN;
  let cpu = process.cpuUsage();
  const { value, ms } = await timed(async () => {
    start = performance.now();
    cpu = process.cpuUsage();
    const ingestStart = performance.now();
    const { table } = await ingest(createReadStream(args.path), { fileName: args.path });
    const ingestMs = performance.now() - ingestStart;
    stagePeak.ingest = peakMB();
    let current = '';
    const out = runPipeline(table, analysisParamsSchema.parse(args.params), {
      onProgress: (stage) => {
        if (stage !== current && current) stagePeak[current] = peakMB();
        current = stage;
      },
      onLayout: () => {
        if (Number.isNaN(firstLayoutMs)) firstLayoutMs = performance.now() - start;
      },
    });
    stagePeak[current] = peakMB();
    return { out, ingestMs };
  });
  const { user, system } = process.cpuUsage(cpu);
  const { out, ingestMs } = value;
  // The generator is seeded, so the true clusters of the file's rows can be regenerated here.
  const truth = generateMixture({ rows: args.rows, seed: args.labelsSeed }).labels;
  const labels = Int32Array.from(out.rowIndex, (r) => truth[r]);
  const row: Record<string, number | string> = {
    total_s: ms / 1000,
    cpu_s: (user + system) / 1e6,
    load: `${loadBefore.toFixed(1)}→${loadavg()[0].toFixed(1)}`,
    first_layout_s: firstLayoutMs / 1000,
    ingest_s: ingestMs / 1000,
    ari: adjustedRandIndex(out.cluster, labels),
    trust: out.summary.reduction.trustworthiness?.value ?? NaN,
    trust_points: out.summary.reduction.trustworthiness?.sampledPoints ?? 0,
    clusters: out.summary.clustering.clusterCount,
  };
  for (const [stage, t] of Object.entries(out.summary.timings)) row[`${stage}_s`] = t / 1000;
  for (const [stage, mb] of Object.entries(stagePeak)) row[`peak_${stage}_MB`] = Math.round(mb);
  return row;
}
