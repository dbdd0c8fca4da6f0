import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { runPipelineInWorker } from '../../../server/jobs/run-in-worker.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { anomalyStage } from '../../../server/analysis/stages/anomaly-stage.ts';
import { featureClustering } from '../../../server/analysis/stages/cluster-stage.ts';
import { featureStages } from '../../../server/analysis/stages/feature-stages.ts';
import { ingest } from '../../../server/ingest/ingest.ts';
import { chunked } from '../ingest/support.ts';
import { generateMixture, mixtureToCsv, zScoreColumns } from '../../support/synthetic.ts';

const params = analysisParamsSchema.parse({});
const noProgress = () => {};

describe('the stages on the features, beside the layout', () => {
  const rows = 60_000;
  const mix = generateMixture({ rows, numeric: 8, categorical: 0, clusters: 6, seed: 3 });
  const features = zScoreColumns(mix.numeric);

  it('runs k-means (k auto) and the isolation forest on a helper thread, with the results of the stages run in place', () => {
    const stages = featureStages(rows, params, undefined);
    const shared = stages.start(features);
    // At work now (its thread ends with its step), at the lowest priority, so that it takes
    // only the time the layout leaves (Linux: threads' nice values in /proc).
    if (existsSync('/proc/self/task')) {
      const nice = threadNiceValues();
      expect(nice).toContain(19);
      expect(Math.min(...nice)).toBeLessThan(19);
    }
    // The helper reads the same values, from shared memory (the table is held once).
    expect(shared.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.data).toEqual(features.data);
    const result = stages.result()!;
    const clustering = featureClustering(features, params, { onProgress: noProgress });
    const anomalies = anomalyStage(features, params, { onProgress: noProgress });
    expect(result.clustering).toEqual(clustering);
    expect(result.anomalies).toEqual(anomalies);
    // And they are the real stages: the six groups found, the top 1% flagged.
    expect(result.clustering!.summary.k).toBe(6);
    expect(adjustedRandIndex(result.clustering!.labels, mix.labels)).toBe(1);
    expect(result.anomalies.flags.reduce((s, f) => s + f, 0)).toBe(Math.round(rows * params.anomalies.contamination));
  });

  it('stays on this thread for small tables, PCA layouts (quick) and one-thread runs', () => {
    for (const [n, p, threads] of [
      [49_999, params, undefined],
      [rows, analysisParamsSchema.parse({ reduction: { method: 'pca' } }), undefined],
      [rows, params, 1],
    ] as const) {
      const stages = featureStages(n, p, threads);
      expect(stages.start(features)).toBe(features);
      expect(stages.result()).toBeNull();
    }
  });

  it('gives no result when the helper fails, so that the error is met where it is reported', () => {
    const broken = { ...features, data: features.data.slice() };
    broken.data[5] = Number.NaN;
    const stages = featureStages(rows, params, undefined);
    // The helper took the features (they are on shared memory), and its stages then threw.
    expect(stages.start(broken).data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(stages.result()).toBeNull();
    expect(() => featureClustering(broken, params, { onProgress: noProgress })).toThrow(/k-means/);
  });

  it('leaves the whole analysis unchanged: the same output from an analysis worker with the helper as on one thread', async () => {
    const { table } = await ingest(chunked(mixtureToCsv(generateMixture({ rows, seed: 8 }))));
    const quick = analysisParamsSchema.parse({ reduction: { nEpochs: 20 } });
    const alone = runPipeline(table, quick, { threads: 1 });
    // As the server runs it: the result, partly on shared memory, posted back from a worker.
    const helped = await runPipelineInWorker(table, quick).result;
    // The helper did take part: the features it read came back on shared memory.
    expect(helped.features.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(alone.features.buffer).toBeInstanceOf(ArrayBuffer);
    for (const key of ['cluster', 'anomaly', 'anomalyFlag', 'positions', 'features'] as const) expect(helped[key]).toEqual(alone[key]);
    const { timings: _t1, ...a } = helped.summary;
    const { timings: _t2, ...b } = alone.summary;
    expect(a).toEqual(b);
    expect(helped.clusterStats).toEqual(alone.clusterStats);
    expect(helped.summary.clustering.clusterCount).toBe(10);
  }, 120_000);
});

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat, after the command name). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}
