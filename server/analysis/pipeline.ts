import type { AnalysisParams } from '../../shared/analysis-params.ts';
import { infoNote, warningNote, type AnalysisNote, type AnalysisSummary, type PipelineStage } from '../../shared/analysis-result.ts';
import type { Table } from '../../shared/table.ts';
import { describeAnomalies } from './explain/describe-anomalies.ts';
import { clusterStatsTable } from './explain/cluster-stats.ts';
import { rowNoun } from './explain/dataset-noun.ts';
import { describeClusters } from './explain/describe-clusters.ts';
import { explainedColumns } from './explain/explained-columns.ts';
import { prepareFeatures } from './prepare/index.ts';
import { discreteWeightNote, textFeatureNote } from './prepare/weight-note.ts';
import type { PipelineAbout, PipelineHooks, PipelineOutput } from './pipeline-types.ts';
import { throwIfAborted } from './progress.ts';
import { anomalyStage } from './stages/anomaly-stage.ts';
import { clusterStage } from './stages/cluster-stage.ts';
import { featureStages, type FeatureStages } from './stages/feature-stages.ts';
import { reduceStage } from './stages/reduce-stage.ts';
import { trustMeasurement } from './stages/trust-stage.ts';

/** Share of the whole run each stage takes, for one progress bar that moves evenly. */
const STAGE_SPAN: Record<PipelineStage, [number, number]> = {
  prepare: [0, 0.05],
  reduce: [0.05, 0.75],
  cluster: [0.75, 0.9],
  anomalies: [0.9, 0.96],
  explain: [0.96, 1],
};

/**
 * The whole analysis of a table: prepare → reduce to 3D → cluster → score anomalies → explain.
 * Pure: typed arrays in, typed arrays and a plain summary out; progress, intermediate layouts
 * and cancellation go through `hooks`. Same table + params (seed included) → same output.
 */
export function runPipeline(table: Table, params: AnalysisParams, hooks: PipelineHooks = {}, about: PipelineAbout = {}): PipelineOutput {
  const featureHelper = featureStages(table.rowCount, params, hooks.threads);
  try {
    return analyse(table, params, hooks, about, featureHelper);
  } finally {
    featureHelper.stop();
  }
}

type StageRunner = <T>(stage: PipelineStage, work: (progress: (f: number) => void) => T) => T;

/** Runs a stage with its share of the progress bar, recording its time in `timings`. */
function stageRunner(hooks: PipelineHooks, timings: Record<string, number>): StageRunner {
  return (stage, work) => {
    throwIfAborted(hooks.signal);
    const [from, to] = STAGE_SPAN[stage];
    let last = -1;
    const progress = (f: number) => {
      const overall = from + (to - from) * Math.min(1, Math.max(0, f));
      // At most ~200 progress messages per run: enough for a smooth bar, cheap to send.
      if (overall - last >= 0.005) {
        last = overall;
        hooks.onProgress?.(stage, overall);
      }
    };
    progress(0);
    const start = performance.now();
    const result = work(progress);
    timings[stage] = Math.round(performance.now() - start);
    progress(1);
    return result;
  };
}

function analyse(table: Table, params: AnalysisParams, hooks: PipelineHooks, about: PipelineAbout, featureHelper: FeatureStages): PipelineOutput {
  const timings: Record<string, number> = {};
  const run = stageRunner(hooks, timings);
  const notes: AnalysisNote[] = [];
  const prepared = run('prepare', () => prepareFeatures(table, params));
  // From here on the features may be on shared memory, read by the helper too (one copy).
  prepared.matrix = featureHelper.start(prepared.matrix);
  hooks.onRows?.(prepared.rowIndex);
  if (prepared.droppedRows > 0) {
    notes.push(warningNote(`${prepared.droppedRows} of ${table.rowCount} rows had a missing feature value and were left out (missing: "drop").`));
  }
  if (prepared.imputedCells > 0) notes.push(infoNote(`${prepared.imputedCells} missing values were filled (median for numbers, most frequent value for categories).`));
  const weightNote = discreteWeightNote(prepared.encodings, prepared.neighbourStep);
  if (weightNote) notes.push(infoNote(weightNote));
  for (const text of prepared.encodings.filter((e) => e.encoding === 'tfidf-svd')) notes.push(infoNote(textFeatureNote(text, prepared.neighbourStep)));

  const trust = trustMeasurement(prepared.matrix.rows);
  const reduced = trust.guard(() => run('reduce', (onProgress) =>
    reduceStage(prepared.matrix, params, {
      onProgress,
      signal: hooks.signal,
      threads: hooks.threads,
      layoutEvery: hooks.layoutEvery,
      onLayout: hooks.onLayout && ((positions) => hooks.onLayout!(positions, 'reduce')),
    }),
  ));
  notes.push(...reduced.notes);
  trust.start(prepared.matrix, reduced.positions, params.seed);
  const layout = { rows: prepared.matrix.rows, cols: 3, data: reduced.positions };

  // The stages on the features ran beside the layout when the table is large (feature-stages.ts).
  const precomputed = featureHelper.result();
  const clustered = trust.guard(() =>
    run('cluster', (onProgress) => clusterStage(layout, prepared.matrix, params, { onProgress, signal: hooks.signal }, reduced.summary.method, precomputed?.clustering ?? null)),
  );
  notes.push(...clustered.notes);
  const clusterCount = clustered.labels.reduce((m, l) => Math.max(m, l + 1), 0);
  const noiseCount = clustered.labels.reduce((s, l) => s + (l < 0 ? 1 : 0), 0);
  hooks.onClusters?.(clustered.labels);

  const anomalies = trust.guard(() => run('anomalies', (onProgress) => precomputed?.anomalies ?? anomalyStage(prepared.matrix, params, { onProgress, signal: hooks.signal })));
  hooks.onAnomalies?.(anomalies.scores, anomalies.flags);

  // Explained while the trustworthiness is still measured on the helper thread.
  const explained = trust.guard(() =>
    run('explain', () => {
      const clusters = describeClusters(explainedColumns(table, prepared.encodings), prepared.rowIndex, clustered.labels, clusterCount, rowNoun(about.datasetName), prepared.text);
      return {
        clusters,
        anomalies: describeAnomalies(
          table.columns.filter((c) => c.data.type !== 'text' && prepared.encodings.some((e) => e.column === c.name)),
          prepared.rowIndex,
          anomalies.scores,
          anomalies.flags,
          prepared.matrix,
        ),
        stats: clusterStatsTable(table.columns, prepared.rowIndex, clustered.labels, clusters.map((c) => c.label)),
      };
    }),
  );
  const measured = trust.finish();
  if (measured) notes.push(...measured.notes);

  const summary: AnalysisSummary = {
    params,
    rowCount: table.rowCount,
    pointCount: prepared.matrix.rows,
    droppedRows: prepared.droppedRows,
    imputedCells: prepared.imputedCells,
    missingByColumn: prepared.missingByColumn,
    features: prepared.encodings,
    excluded: prepared.excluded,
    featureDimensions: prepared.matrix.cols,
    reduction: measured?.trustworthiness ? { ...reduced.summary, trustworthiness: measured.trustworthiness } : reduced.summary,
    clustering: { ...clustered.summary, clusterCount, noiseCount },
    clusters: explained.clusters,
    anomalies: {
      method: params.anomalies.method,
      contamination: params.anomalies.contamination,
      flagged: anomalies.flags.reduce((s, f) => s + f, 0),
      top: explained.anomalies,
    },
    timings,
    notes,
  };
  return {
    rowIndex: prepared.rowIndex,
    positions: reduced.positions,
    cluster: clustered.labels,
    anomaly: anomalies.scores,
    anomalyFlag: anomalies.flags,
    features: prepared.matrix.data,
    summary,
    clusterStats: explained.stats,
  };
}
