import { infoNote, type AnalysisNote, type AnalysisSummary } from '../../../shared/analysis-result.ts';
import type { Matrix } from '../matrix.ts';
import { trustworthiness } from '../quality/trustworthiness.ts';
import type { TrustShare } from '../quality/trust-kernel.ts';
import { spawnLockstepHelper } from '../reduce/lockstep-helper.ts';

/**
 * Trustworthiness is measured on this many sampled query points, each ranked exactly against
 * all points (quality/rank-counter.ts), or on every point of smaller tables. 2,000 queries put
 * the estimate's standard error near 0.001.
 */
export const TRUST_SAMPLE = 2000;
/** From this many points the measurement runs on a second thread while clustering and anomaly scoring run. */
const BACKGROUND_FROM = 50_000;

const KERNEL = new URL('../quality/trust-kernel.ts', import.meta.url);

export type TrustFigure = NonNullable<AnalysisSummary['reduction']['trustworthiness']>;

/**
 * The trustworthiness (k = 10, sklearn's definition) of an analysis' layout against its
 * features. On tables of BACKGROUND_FROM points or more it runs on a helper thread, spawned at
 * once so that it boots while the layout is computed, then measuring beside clustering and
 * anomaly scoring; on smaller tables it runs in finish(). The figure is the same either way.
 */
export interface TrustMeasurement {
  /** Runs `work`; if it throws, the helper thread is stopped first. */
  guard<T>(work: () => T): T;
  /** Starts the measurement of `positions` (n × 3) against `features`. */
  start(features: Matrix, positions: Float32Array, seed: number): void;
  /** Waits for the measurement and returns it with its note (null below 12 points). */
  finish(): { trustworthiness: TrustFigure; notes: AnalysisNote[] } | null;
}

export function trustMeasurement(n: number): TrustMeasurement {
  let helper = n >= BACKGROUND_FROM ? spawnLockstepHelper(KERNEL) : null;
  const stop = () => {
    helper?.stop();
    helper = null;
  };
  let pending: (() => number) | null = null;
  let sample = 0;
  return {
    guard(work) {
      try {
        return work();
      } catch (error) {
        stop();
        throw error;
      }
    },
    start(features, positions, seed) {
      if (n <= 11) return stop();
      sample = Math.min(n, TRUST_SAMPLE);
      const share: TrustShare | null = helper
        ? { high: { ...features, data: sharedCopy(features.data) }, low: { rows: n, cols: 3, data: sharedCopy(positions) }, k: 10, sample, seed, out: new Float64Array(new SharedArrayBuffer(8)) }
        : null;
      if (helper && share && helper.attach(share)) {
        const running = helper;
        running.begin(0);
        const measureHere = () => trustworthiness(features, { rows: n, cols: 3, data: positions }, 10, { sample, seed });
        pending = () => {
          try {
            running.end();
          } catch {
            // The helper gave no answer in time (a starved machine): measure here instead.
            return measureHere();
          }
          return share.out[0];
        };
        return;
      }
      stop();
      pending = () => trustworthiness(features, { rows: n, cols: 3, data: positions }, 10, { sample, seed });
    },
    finish() {
      if (!pending) return null;
      try {
        const value = pending();
        return { trustworthiness: { k: 10, value, sampledPoints: sample }, notes: sample < n ? [infoNote(trustNote(value, sample, n))] : [] };
      } finally {
        stop();
      }
    },
  };
}

function trustNote(value: number, sample: number, rows: number): string {
  const count = (v: number) => v.toLocaleString('en-US');
  return `Trustworthiness ${value.toFixed(3)} (k = 10) was measured on ${count(sample)} randomly chosen points of ${count(rows)}, each against all points.`;
}

function sharedCopy(a: Float32Array): Float32Array {
  const copy = new Float32Array(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}
