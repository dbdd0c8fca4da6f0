import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Gives the calling thread the lowest scheduling priority (nice 19), so that it runs on the time
 * the other threads leave: for work beside a lockstep pair (reduce/lockstep-helper.ts), which
 * would wait for each other whenever the system handed one's core to it. On Linux a thread's
 * id (from /proc/thread-self) is what setpriority takes; elsewhere the thread keeps its priority.
 */
export function lowerThisThreadsPriority(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid)) return false;
    setPriority(tid, 19);
    return true;
  } catch {
    return false;
  }
}
