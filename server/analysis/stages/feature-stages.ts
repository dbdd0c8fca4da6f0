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

/**
 * How long the helper may go without a progress report, once this thread waits for it, before
 * its work is given up and the stages run in place: a helper starved of time (a host busy with
 * other work, where nice 19 gets ~1.5 % of a core) or gone (out of memory) costs this much, not
 * the lockstep helper's two-minute step timeout. A healthy helper reports at least every ~3 s
 * at 1M rows (each k-means iteration, each isolation tree).
 */
const STALL_MS = 10_000;

export function featureStages(rows: number, params: AnalysisParams, threads: 1 | 2 | undefined): FeatureStages {
  const layoutMethod = params.reduction.method;
  let helper = rows >= BACKGROUND_FROM && layoutMethod !== 'pca' && threads !== 1 ? spawnLockstepHelper(KERNEL, 1) : null;
  let share: FeatureStagesShare | null = null;
  const stop = () => {
    helper?.stop();
    helper = null;
    share = null;
  };
  return {
    start(features) {
      if (!helper || features.rows < BACKGROUND_FROM) {
        stop();
        return features;
      }
      const n = features.rows;
      const offered: FeatureStagesShare = {
        features: { ...features, data: sharedCopy(features.data) },
        params,
        cluster: clustersOnFeatures(params, layoutMethod),
        labels: new Int32Array(new SharedArrayBuffer(n * 4)),
        scores: new Float32Array(new SharedArrayBuffer(n * 4)),
        flags: new Uint8Array(new SharedArrayBuffer(n)),
        ticks: new Int32Array(new SharedArrayBuffer(4)),
        report: new Int32Array(new SharedArrayBuffer(REPORT_BYTES)),
      };
      if (!helper.attach(offered)) {
        stop();
        return features;
      }
      share = offered;
      helper.begin(0);
      return share.features;
    },
    result() {
      const running = helper;
      const taken = share;
      if (!running || !taken) return null;
      try {
        let ticks = Atomics.load(taken.ticks, 0);
        let quietSince = Date.now();
        while (!running.endWithin(1_000)) {
          const now = Atomics.load(taken.ticks, 0);
          if (now !== ticks) {
            ticks = now;
            quietSince = Date.now();
          } else if (Date.now() - quietSince > STALL_MS) {
            return null;
          }
        }
      } finally {
        stop();
      }
      const report = readReport(taken.report) as Omit<ClusterStageOutput, 'labels'> | null;
      if (!report) return null;
      return {
        clustering: taken.cluster ? { ...report, labels: taken.labels } : null,
        anomalies: { scores: taken.scores, flags: taken.flags },
      };
    },
    stop,
  };
}
