import type { Worker } from 'node:worker_threads';
import { spawnTsWorker } from '../../../jobs/spawn-worker.ts';
import type { LayoutState } from './layout-state.ts';

/** Slots of the shared control array between the main thread and the layout helper. */
export const CONTROL = { ready: 0, command: 1, done: 2 } as const;

export interface HelperSetup {
  control: Int32Array;
  state: LayoutState;
  seed: number;
}

/**
 * The main thread's handle on the helper thread that runs partition 1 of UMAP's layout. It is
 * spawned early (while the neighbour search runs, so its start-up costs nothing) and driven
 * synchronously with Atomics: `umap()` stays a plain blocking function, as every pipeline
 * stage is inside its own worker.
 */
export interface LayoutHelper {
  /** Hands over the state; false if the helper did not come up (the caller then runs both partitions). */
  attach(state: LayoutState, seed: number): boolean;
  /** Starts partition 1 of epoch `e` on the helper. */
  begin(e: number): void;
  /** Waits until the helper finished the epoch it began. */
  end(): void;
  stop(): void;
}

const START_TIMEOUT_MS = 20_000;
const EPOCH_TIMEOUT_MS = 120_000;

export function spawnLayoutHelper(): LayoutHelper | null {
  let worker: Worker;
  try {
    worker = spawnTsWorker(new URL('./layout-worker.ts', import.meta.url));
  } catch {
    return null;
  }
  worker.unref();
  // A failed helper is handled by timeouts and fallback; its error event must not crash us.
  worker.on('error', () => {});
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  let epoch = 0;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    Atomics.store(control, CONTROL.command, -1);
    Atomics.notify(control, CONTROL.command);
    void worker.terminate();
  };
  return {
    attach(state, seed) {
      const setup: HelperSetup = { control, state, seed };
      worker.postMessage(setup);
      const started = Atomics.wait(control, CONTROL.ready, 0, START_TIMEOUT_MS) !== 'timed-out' || Atomics.load(control, CONTROL.ready) === 1;
      if (!started) stop();
      return started;
    },
    begin(e) {
      epoch = e + 1;
      Atomics.store(control, CONTROL.command, epoch);
      Atomics.notify(control, CONTROL.command);
    },
    end() {
      const deadline = Date.now() + EPOCH_TIMEOUT_MS;
      while (Atomics.load(control, CONTROL.done) !== epoch) {
        const seen = Atomics.load(control, CONTROL.done);
        Atomics.wait(control, CONTROL.done, seen, 1000);
        if (Date.now() > deadline) {
          stop();
          throw new Error('The UMAP layout helper thread stopped responding.');
        }
      }
    },
    stop,
  };
}
