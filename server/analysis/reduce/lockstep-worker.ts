import { parentPort } from 'node:worker_threads';
import { CONTROL, type CreateKernel, type HelperSetup } from './lockstep-helper.ts';

/**
 * The helper thread of lockstep-helper.ts: loads the kernel it is given, then runs its half of
 * each step the main thread asks for, until told to stop.
 */
parentPort!.once('message', async (setup: HelperSetup) => {
  const { control } = setup;
  const { createKernel } = (await import(setup.kernel)) as { createKernel: CreateKernel };
  const run = createKernel(setup.data as never);
  Atomics.store(control, CONTROL.ready, 1);
  Atomics.notify(control, CONTROL.ready);
  let last = 0;
  for (;;) {
    Atomics.wait(control, CONTROL.command, last);
    const command = Atomics.load(control, CONTROL.command);
    if (command < 0) break;
    run(command - 1);
    last = command;
    Atomics.store(control, CONTROL.done, command);
    Atomics.notify(control, CONTROL.done);
  }
  parentPort!.close();
});
