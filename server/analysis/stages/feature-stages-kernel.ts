import { deserialize, serialize } from 'node:v8';
import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import type { Matrix } from '../matrix.ts';
import { lowerThisThreadsPriority } from '../thread-priority.ts';
import { anomalyStage } from './anomaly-stage.ts';
import { featureClustering } from './cluster-stage.ts';

/**
 * What the main thread shares with the helper of feature-stages.ts: the features and the result
 * arrays on shared memory; `ticks`, counted up at every progress report (the main thread reads
 * it to tell a helper at work from a stalled one); and `report`, where the helper writes the rest
 * of its result (the clustering's summary and notes) serialised as postMessage would:
 * [byte length, …bytes]. A length of −1 says the helper failed and the main thread computes the
 * stages itself.
 */
export interface FeatureStagesShare {
  features: Matrix;
  params: AnalysisParams;
  cluster: boolean;
  labels: Int32Array;
  scores: Float32Array;
  flags: Uint8Array;
  ticks: Int32Array;
  report: Int32Array;
}

/** Helper-thread side of feature-stages.ts: one step that runs both stages. */
export function createKernel(share: FeatureStagesShare): () => void {
  lowerThisThreadsPriority();
  return () => {
    const tick = () => void Atomics.add(share.ticks, 0, 1);
    try {
      let report = {};
      if (share.cluster) {
        const { labels, ...rest } = featureClustering(share.features, share.params, { onProgress: tick });
        share.labels.set(labels);
        report = rest;
      }
      const anomalies = anomalyStage(share.features, share.params, { onProgress: tick });
      share.scores.set(anomalies.scores);
      share.flags.set(anomalies.flags);
      writeReport(share.report, serialize(report));
    } catch {
      // The main thread runs the stages again and meets the error itself, where it is reported.
      share.report[0] = -1;
    }
  };
}

function writeReport(report: Int32Array, bytes: Uint8Array): void {
  if (bytes.length > (report.length - 1) * 4) {
    report[0] = -1;
    return;
  }
  new Uint8Array(report.buffer, report.byteOffset + 4, bytes.length).set(bytes);
  report[0] = bytes.length;
}

/** What the helper reported, or null when it failed. */
export function readReport(report: Int32Array): unknown {
  if (report[0] < 0) return null;
  return deserialize(new Uint8Array(report.buffer, report.byteOffset + 4, report[0]).slice());
}
