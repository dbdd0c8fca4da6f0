import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import type { Matrix } from '../matrix.ts';
import { sharedCopy, spawnLockstepHelper } from '../reduce/lockstep-helper.ts';
import { clustersOnFeatures, type ClusterStageOutput } from './cluster-stage.ts';
import { readReport, type FeatureStagesShare } from './feature-stages-kernel.ts';

/** From this many rows the stages on the features run on a helper thread beside the layout. */
const BACKGROUND_FROM = 50_000;
const KERNEL = new URL('./feature-stages-kernel.ts', import.meta.url);
/** Room for the clustering's summary and notes, serialised (a few KB). */
const REPORT_BYTES = 1 << 16;

export interface FeatureStagesResult {
  /** featureClustering's output, when the clustering reads the features (clustersOnFeatures). */
  clustering: ClusterStageOutput | null;
  anomalies: { scores: Float32Array; flags: Uint8Array };
}

/**
 * The stages that read the features alone: the clustering when it is on the features (or its
 * first fit, which clusterStage then checks against the layout), and the anomaly scores. On
 * tables of BACKGROUND_FROM rows or more, with UMAP or t-SNE, they run on a helper thread
 * beside the layout, whose single-threaded steps (the PCA start, the fuzzy graph) and lockstep
 * waits leave a core idle; at 1M rows they were ~20 s of one thread after the layout. The
 * helper is spawned before the features are prepared, so that it boots meanwhile, and ends its
 * thread once done, so that its memory is free before the layout's epochs need theirs. Results are
 * those of the stages run in place (they are deterministic); when the helper fails, result()
 * returns null and the caller runs them itself.
 */
export interface FeatureStages {
  /**
   * Hands `features` to the helper and starts it; returns the features to use from now on (the
   * same values on shared memory, so that the table is held once).
   */
  start(features: Matrix): Matrix;
  /** Waits for the helper's results; null when it did not run or failed. */
  result(): FeatureStagesResult | null;
  stop(): void;
}

export function featureStages(rows: number, params: AnalysisParams, threads: 1 | 2 | undefined): FeatureStages {
  const layoutMethod = params.reduction.method;
  let helper = rows >= BACKGROUND_FROM && layoutMethod !== 'pca' && threads !== 1 ? spawnLockstepHelper(KERNEL, 1) : null;
  let share: FeatureStagesShare | null = null;
  const stop = () => {
    helper?.stop();
    helper = null;
  };
  return {
    start(features) {
      if (!helper || features.rows < BACKGROUND_FROM) {
        stop();
        return features;
      }
      const n = features.rows;
      const shared = { ...features, data: sharedCopy(features.data) };
      share = {
        features: shared,
        params,
        cluster: clustersOnFeatures(params, layoutMethod),
        labels: new Int32Array(new SharedArrayBuffer(n * 4)),
        scores: new Float32Array(new SharedArrayBuffer(n * 4)),
        flags: new Uint8Array(new SharedArrayBuffer(n)),
        report: new Int32Array(new SharedArrayBuffer(REPORT_BYTES)),
      };
      if (!helper.attach(share)) {
        stop();
        return features;
      }
      helper.begin(0);
      return shared;
    },
    result() {
      if (!helper || !share) return null;
      try {
        helper.end();
      } catch {
        return null;
      } finally {
        stop();
      }
      const report = readReport(share.report) as Omit<ClusterStageOutput, 'labels'> | null;
      if (!report) return null;
      return {
        clustering: share.cluster ? { ...report, labels: share.labels } : null,
        anomalies: { scores: share.scores, flags: share.flags },
      };
    },
    stop,
  };
}
