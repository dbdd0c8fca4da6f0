// Worker threads do not inherit tsx's loader: load the module's prebuilt file where the server
// made one (worker-bundles.ts), else register tsx here and load the TypeScript module named in
// workerData. Plain JS on purpose: it must run before TypeScript can.
import { workerData } from 'node:worker_threads';

if (workerData.__prebuilt) {
  await import(workerData.__prebuilt);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(workerData.__module);
}
