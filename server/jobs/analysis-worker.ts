import { parentPort } from 'node:worker_threads';
import { runPipeline } from '../analysis/pipeline.ts';
import { outputTransferList, type WorkerInput, type WorkerMessage } from './worker-protocol.ts';

// One analysis per worker: receive the table, run the pipeline, post progress, layouts and the result.
const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.once('message', (input: WorkerInput) => {
  try {
    const output = runPipeline(input.table, input.params, {
      layoutEvery: input.layoutEvery,
      threads: input.threads,
      onProgress: (stage, fraction) => post({ type: 'progress', stage, fraction }),
      // A copy: the pipeline goes on using its rowIndex.
      onRows: (rowIndex) => post({ type: 'rows', rowIndex: rowIndex.slice() }),
      // Copies again (the explain stage reads them), moved rather than cloned to the main thread.
      onClusters: (cluster) => {
        const copy = cluster.slice();
        post({ type: 'clusters', cluster: copy }, [copy.buffer as ArrayBuffer]);
      },
      onAnomalies: (anomaly, anomalyFlag) => {
        const scores = anomaly.slice();
        const flags = anomalyFlag.slice();
        post({ type: 'anomalies', anomaly: scores, anomalyFlag: flags }, [scores.buffer as ArrayBuffer, flags.buffer as ArrayBuffer]);
      },
      onLayout: (positions) => post({ type: 'layout', stage: 'reduce', positions }, [positions.buffer as ArrayBuffer]),
    }, { datasetName: input.datasetName });
    post({ type: 'done', output }, outputTransferList(output));
  } catch (error) {
    const e = error as Error & { code?: unknown };
    const code = typeof e.code === 'string' ? e.code : 'analysis_failed';
    post({ type: 'failed', code, message: typeof e.code === 'string' ? e.message : `The analysis failed: ${e.message}` });
  }
});
