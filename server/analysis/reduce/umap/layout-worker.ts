import { parentPort } from 'node:worker_threads';
import { createRandom } from '../../../../shared/random.ts';
import { runPartition, type LayoutState } from './layout-state.ts';
import { CONTROL, type HelperSetup } from './layout-helper.ts';

/**
 * The second thread of UMAP's layout: runs partition 1 of each epoch the main thread asks
 * for, in lockstep through Atomics on a shared control array, until told to stop.
 */
parentPort!.once('message', (setup: HelperSetup) => {
  const { control, seed } = setup;
  const state: LayoutState = setup.state;
  const random = createRandom(seed);
  Atomics.store(control, CONTROL.ready, 1);
  Atomics.notify(control, CONTROL.ready);
  let last = 0;
  for (;;) {
    Atomics.wait(control, CONTROL.command, last);
    const command = Atomics.load(control, CONTROL.command);
    if (command < 0) break;
    runPartition(state, 1, command - 1, random);
    last = command;
    Atomics.store(control, CONTROL.done, command);
    Atomics.notify(control, CONTROL.done);
  }
  parentPort!.close();
});
