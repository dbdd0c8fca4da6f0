import type { Worker } from 'node:worker_threads';
import { spawnTsWorker } from '../../jobs/spawn-worker.ts';

/** A copy of `a` on a SharedArrayBuffer, for the helper thread to read and write with this one. */
export function sharedCopy<T extends Int32Array | Float32Array | Float64Array>(a: T): T {
  const Type = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Type(new SharedArrayBuffer(a.byteLength));
  copy.set(a as never);
  return copy;
}

/** Slots of the shared control array between the main thread and the helper. */
export const CONTROL = { ready: 0, command: 1, done: 2 } as const;

/** What the helper thread receives at start (workerData): the kernel module to load at once. */
export interface HelperStart {
  control: Int32Array;
  kernel: string;
  /** The helper ends its thread after this many steps (its memory freed at once); 0: when stopped. */
  steps: number;
}

/**
 * A kernel module (run on the helper thread) exports `createKernel(data)`, returning the
 * function that does the helper's share of step `s`. `data` holds SharedArrayBuffer-backed
 * arrays shared with the main thread.
 */
export type CreateKernel = (data: never) => (step: number) => void;

/**
 * A second thread for a loop whose every step splits into two halves, the main thread doing
 * one and the helper the other, in lockstep through Atomics: the reductions stay plain
 * blocking functions (each pipeline stage already runs in its own worker). Spawn it early, so
 * it boots and loads its kernel while other work runs; `attach` then costs next to nothing. Callers compute exactly the
 * same thing when there is no helper, so results never depend on the thread count.
 */
export interface LockstepHelper {
  /** Builds the helper's kernel from `data`; false if the helper did not come up. */
  attach(data: unknown): boolean;
  /** Starts the helper's half of step `s`. */
  begin(s: number): void;
  /** Waits until the helper has finished the step it began. */
  end(): void;
  /** Waits up to `ms` for the step it began; whether it is finished (never throws). */
  endWithin(ms: number): boolean;
  stop(): void;
}

const START_TIMEOUT_MS = 20_000;
const STEP_TIMEOUT_MS = 120_000;

/**
 * Starts the helper thread, which loads `kernel` (a module exporting createKernel) right away.
 * With `steps`, the thread ends once it has done that many (end() still reports the last).
 */
export function spawnLockstepHelper(kernel: URL, steps = 0): LockstepHelper | null {
  const control = new Int32Array(new SharedArrayBuffer(4 * 4));
  let worker: Worker;
  try {
    const start: HelperStart = { control, kernel: kernel.href, steps };
    worker = spawnTsWorker(new URL('./lockstep-worker.ts', import.meta.url), { ...start });
  } catch {
    return null;
  }
  worker.unref();
  // A failed helper is handled by timeouts and fallback; its error event must not crash us.
  worker.on('error', () => {});
  let step = 0;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    Atomics.store(control, CONTROL.command, -1);
    Atomics.notify(control, CONTROL.command);
    void worker.terminate();
  };
  /** Whether the step begun last is done, waiting up to `ms` for it. */
  const finishedWithin = (ms: number): boolean => {
    const seen = Atomics.load(control, CONTROL.done);
    if (seen !== step) Atomics.wait(control, CONTROL.done, seen, ms);
    return Atomics.load(control, CONTROL.done) === step;
  };
  return {
    attach(data) {
      if (stopped) return false;
      worker.postMessage(data);
      Atomics.wait(control, CONTROL.ready, 0, START_TIMEOUT_MS);
      const started = Atomics.load(control, CONTROL.ready) === 1;
      if (!started) stop();
      return started;
    },
    begin(s) {
      step = s + 1;
      Atomics.store(control, CONTROL.command, step);
      Atomics.notify(control, CONTROL.command);
    },
    end() {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      while (!finishedWithin(1000)) {
        if (Date.now() > deadline) {
          stop();
          throw new Error('A helper thread of the analysis stopped responding.');
        }
      }
    },
    endWithin: finishedWithin,
    stop,
  };
}
