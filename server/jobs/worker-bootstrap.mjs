// Worker threads do not inherit tsx's loader: load the module's prebuilt file where the server
// made one (worker-bundles.ts), else register tsx here and load the TypeScript module named in
// workerData. Plain JS on purpose: it must run before TypeScript can.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';

const { __prebuilt: prebuilt, __module: module } = workerData;
// A prebuilt file that is gone (another process cleaned up old builds) leaves the job to tsx.
const ranPrebuilt = prebuilt
  ? await import(prebuilt).then(
      () => true,
      (error) => {
        if (existsSync(fileURLToPath(prebuilt))) throw error;
        return false;
      },
    )
  : false;
if (!ranPrebuilt) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(module);
}
