import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import { densityAnomaly, flagTop, isolationForest, zScoreAnomaly } from '../anomaly/index.ts';
import type { Matrix } from '../matrix.ts';
import type { ProgressFn } from '../progress.ts';

/** Anomaly scores in [0, 1] on the scaled features (what the data says, not what the layout shows). */
export function anomalyStage(
  features: Matrix,
  params: AnalysisParams,
  hooks: { onProgress: ProgressFn; signal?: AbortSignal },
): { scores: Float32Array; flags: Uint8Array } {
  const a = params.anomalies;
  const common = { onProgress: hooks.onProgress, signal: hooks.signal };
  const scores =
    a.method === 'isolation-forest'
      ? isolationForest(features, { seed: params.seed, ...common })
      : a.method === 'zscore'
        ? zScoreAnomaly(features)
        : densityAnomaly(features, { seed: params.seed, ...common });
  return { scores, flags: flagTop(scores, a.contamination) };
}
