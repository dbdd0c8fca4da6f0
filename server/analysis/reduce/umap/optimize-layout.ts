import { createRandom } from '../../../../shared/random.ts';
import type { FuzzyGraph } from './fuzzy-graph.ts';
import { breadthFirstOrder, permuteRows, relabel, unpermuteRows } from '../graph-order.ts';
import type { LockstepHelper } from '../lockstep-helper.ts';
import { instantiateLayoutSgd } from './layout-sgd.ts';
import { LAYOUT_DIM, createLayoutState, fillNegativePool, mergePartitions, runPartition, type StateParams } from './layout-state.ts';

/**
 * Drives UMAP's layout optimisation (see layout-state.ts) epoch by epoch, on one thread or
 * with a helper thread (started on layout-kernel.ts) taking partition 1: the output is the
 * same either way.
 */
export interface LayoutSchedule {
  /** Runs epoch number `e` (0-based). */
  epoch(e: number): void;
  /** Writes the current positions, in the caller's row order, into `out` (n × 3). */
  positions(out: Float32Array): void;
  nEpochs: number;
  /** 2 when the helper thread took partition 1, else 1. */
  threads: 1 | 2;
}

export interface LayoutParams extends StateParams {
  seed: number;
}

/**
 * `initial` (n × 3) is copied, not modified. Rows are renumbered in breadth-first order of
 * the graph so that an edge's two ends sit close in memory (at 100k rows cache misses
 * dominated: epochs ran ~1.4× faster), and so that the two partitions are two well-connected
 * halves with few edges between them. The order is a pure function of the graph.
 */
export function createLayoutSchedule(original: FuzzyGraph, initial: Float32Array, p: LayoutParams, helper?: LockstepHelper | null): LayoutSchedule {
  const { order, rank } = breadthFirstOrder(original);
  const graph = relabel(original, order, rank);
  const n = graph.n;
  const permuted = permuteRows(initial, LAYOUT_DIM, order, new Float32Array(n * LAYOUT_DIM));
  // Each partition's random stream (mulberry32 states, continued from epoch to epoch).
  const seeds = [p.seed >>> 0, (p.seed ^ 0x9e3779b9) >>> 0];
  const state = createLayoutState(graph, permuted, p);
  const kernel = instantiateLayoutSgd(state.memory);
  const parallel = helper ? helper.attach({ state, seed: seeds[1] }) : false;
  const poolRandom = createRandom((p.seed ^ 0x2545f491) >>> 0);
  return {
    nEpochs: p.nEpochs,
    threads: parallel ? 2 : 1,
    epoch(e) {
      fillNegativePool(state, poolRandom);
      if (parallel) {
        helper!.begin(e);
        seeds[0] = runPartition(state, kernel, 0, e, seeds[0]);
        helper!.end();
      } else {
        seeds[0] = runPartition(state, kernel, 0, e, seeds[0]);
        seeds[1] = runPartition(state, kernel, 1, e, seeds[1]);
      }
      mergePartitions(state);
    },
    positions(out) {
      unpermuteRows(state.positions, LAYOUT_DIM, order, out);
    },
  };
}
