// Worker threads do not inherit tsx's loader: register it here, then load the TypeScript
// module named in workerData. Plain JS on purpose: it must run before TypeScript can.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__module);
