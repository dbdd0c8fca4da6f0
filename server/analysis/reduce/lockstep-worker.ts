import { parentPort, workerData } from 'node:worker_threads';
import { CONTROL, type CreateKernel, type HelperStart } from './lockstep-helper.ts';

/**
 * The helper thread of lockstep-helper.ts: loads its kernel module at once, builds the kernel
 * from the data the main thread then sends, and runs its half of each step the main thread
 * asks for, until told to stop (or, given a step count, until it has done that many).
 */
const { control, kernel, steps } = workerData as HelperStart;
const { createKernel } = (await import(kernel)) as { createKernel: CreateKernel };
parentPort!.once('message', (data: unknown) => {
  const run = createKernel(data as never);
  Atomics.store(control, CONTROL.ready, 1);
  Atomics.notify(control, CONTROL.ready);
  let last = 0;
  for (let done = 0; steps === 0 || done < steps; done++) {
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
