import { infoNote, warningNote, type AnalysisNote, type AnalysisSummary } from '../../../shared/analysis-result.ts';
import type { Matrix } from '../matrix.ts';
import { measureTrustQueries, trustFromCosts, trustQueries, trustworthiness } from '../quality/trustworthiness.ts';
import { createTrustShare, measureShared, type TrustShare } from '../quality/trust-kernel.ts';
import { spawnLockstepHelper } from '../reduce/lockstep-helper.ts';
import { ArenaFullError, attachWasmArena } from '../wasm/arena.ts';

/**
 * Trustworthiness is measured on this many sampled query points, each ranked exactly against
 * all points (quality/rank-counter.ts), or on every point of smaller tables. 2,000 queries put
 * the estimate's standard error near 0.001.
 */
export const TRUST_SAMPLE = 2000;
/** From this many points the measurement runs on a second thread while the stages after the layout run. */
const BACKGROUND_FROM = 50_000;

const KERNEL = new URL('../quality/trust-kernel.ts', import.meta.url);
/** Queries left for the helper from which finish() measures beside it. */
const JOIN_FROM_QUERIES = 100;

export type TrustFigure = NonNullable<AnalysisSummary['reduction']['trustworthiness']>;

/**
 * The trustworthiness (k = 10, sklearn's definition) of an analysis' layout against its
 * features. On tables of BACKGROUND_FROM points or more it runs on a helper thread, spawned at
 * once so that it boots while the layout is computed, then measuring beside the clustering's
 * check against the layout and the explanations, and finish() has this thread take the queries
 * left too (at 1M rows the 2,000 exact queries are ~26 CPU s); on smaller tables it runs in
 * finish(). The figure is the same either way: each query's cost is summed in query order.
 * The rank index (quality/rank-counter.ts) is built once, here in start(), and shared.
 */
export interface TrustMeasurement {
  /** Runs `work`; if it throws, the helper thread is stopped first. */
  guard<T>(work: () => T): T;
  /** Starts the measurement of `positions` (n × 3) against `features`. */
  start(features: Matrix, positions: Float32Array, seed: number): void;
  /**
   * Waits for the measurement and returns it with its note (null below 12 points); without a
   * figure, and a note saying why, when its index did not fit in memory.
   */
  finish(): { trustworthiness?: TrustFigure; notes: AnalysisNote[] } | null;
}

export function trustMeasurement(n: number): TrustMeasurement {
  let helper = n >= BACKGROUND_FROM ? spawnLockstepHelper(KERNEL) : null;
  const stop = () => {
    helper?.stop();
    helper = null;
  };
  let pending: (() => number) | null = null;
  let sample = 0;
  let unmeasured: string | null = null;
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
      const low = { rows: n, cols: 3, data: positions };
      const queries = trustQueries(features, low, 10, { sample, seed });
      let share: TrustShare | null = null;
      try {
        share = helper ? createTrustShare(features, low, 10, queries) : null;
      } catch (error) {
        // Its index (the features copied) did not fit: see unmeasuredNote.
        stop();
        if (!(error instanceof ArenaFullError)) throw error;
        unmeasured = error.message;
        return;
      }
      if (helper && share && helper.attach(share)) {
        const running = helper;
        running.begin(0);
        pending = () => {
          // Done with its own stages, this thread takes queries too until none is left, where
          // enough are left to pay for its own indexes (a second or two at 1M rows, ~40 queries).
          if (queries.length - Atomics.load(share.next, 0) > JOIN_FROM_QUERIES) measureShared(share);
          try {
            running.end();
          } catch {
            // The helper gave no answer in time (a starved machine): measure what it left here.
            let q = 0;
            const takeMissing = () => {
              while (q < queries.length && share.costs[q] >= 0) q++;
              return q++;
            };
            measureTrustQueries(share.high, attachWasmArena(share.memory), share.low, 10, queries, takeMissing, share.costs);
          }
          return trustFromCosts(share.costs, n, 10);
        };
        return;
      }
      stop();
      pending = () => trustworthiness(features, low, 10, { sample, seed });
    },
    finish() {
      if (unmeasured) return { notes: [unmeasuredNote(unmeasured)] };
      if (!pending) return null;
      try {
        const value = pending();
        return { trustworthiness: { k: 10, value, sampledPoints: sample }, notes: sample < n ? [infoNote(trustNote(value, sample, n))] : [] };
      } catch (error) {
        if (error instanceof ArenaFullError) return { notes: [unmeasuredNote(error.message)] };
        throw error;
      } finally {
        stop();
      }
    },
  };
}

/** The figure is a quality check, not the result: a table too big to index for it gets its analysis without it. */
function unmeasuredNote(why: string): AnalysisNote {
  return warningNote(`Trustworthiness was not measured: ${why}`);
}

function trustNote(value: number, sample: number, rows: number): string {
  const count = (v: number) => v.toLocaleString('en-US');
  return `Trustworthiness ${value.toFixed(3)} (k = 10) was measured on ${count(sample)} randomly chosen points of ${count(rows)}, each against all points.`;
}

