import type { AnalysisParams } from '../../shared/analysis-params.ts';
import type { PipelineStage } from '../../shared/analysis-result.ts';
import type { Table } from '../../shared/table.ts';
import type { PipelineOutput } from '../analysis/pipeline-types.ts';
import { spawnTsWorker } from './spawn-worker.ts';
import { tableTransferList, type WorkerInput, type WorkerMessage } from './worker-protocol.ts';

export class AnalysisFailedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisFailedError';
  }
}

export interface WorkerRun {
  /** Resolves with the output, rejects with AnalysisFailedError (code 'cancelled' after cancel()). */
  result: Promise<PipelineOutput>;
  /** Stops the worker at once (terminate: no cooperation needed from the running stage). */
  cancel(): Promise<void>;
}

/**
 * Runs the pipeline on a worker thread. The table's arrays are transferred, not copied: the
 * caller must not use `table` afterwards.
 */
export function runPipelineInWorker(
  table: Table,
  params: AnalysisParams,
  callbacks: {
    onProgress?: (stage: PipelineStage, fraction: number) => void;
    onLayout?: (positions: Float32Array) => void;
    onRows?: (rowIndex: Uint32Array) => void;
    /** Each point's cluster, once the clustering stage ends. */
    onClusters?: (cluster: Int32Array) => void;
    /** Anomaly scores and flags, once that stage ends. */
    onAnomalies?: (anomaly: Float32Array, anomalyFlag: Uint8Array) => void;
    /** Not a callback: the dataset's name, which words the explanations ("123 penguins"). */
    datasetName?: string;
  } = {},
  threads?: 1 | 2,
): WorkerRun {
  const worker = spawnTsWorker(new URL('./analysis-worker.ts', import.meta.url));
  let settled = false;
  let settle!: { resolve: (o: PipelineOutput) => void; reject: (e: Error) => void };
  const result = new Promise<PipelineOutput>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (outcome: PipelineOutput | AnalysisFailedError) => {
    if (settled) return;
    settled = true;
    void worker.terminate();
    if (outcome instanceof AnalysisFailedError) settle.reject(outcome);
    else settle.resolve(outcome);
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'progress') callbacks.onProgress?.(message.stage, message.fraction);
    else if (message.type === 'layout') callbacks.onLayout?.(message.positions);
    else if (message.type === 'rows') callbacks.onRows?.(message.rowIndex);
    else if (message.type === 'clusters') callbacks.onClusters?.(message.cluster);
    else if (message.type === 'anomalies') callbacks.onAnomalies?.(message.anomaly, message.anomalyFlag);
    else if (message.type === 'done') finish(message.output);
    else finish(new AnalysisFailedError(message.code, message.message));
  });
  worker.on('error', (error: Error) => finish(new AnalysisFailedError('internal', `The analysis worker crashed: ${error.message}`)));
  worker.on('exit', (code) => finish(new AnalysisFailedError('internal', `The analysis worker stopped unexpectedly (exit code ${code}; out of memory?).`)));
  const input: WorkerInput = { table, params, threads, datasetName: callbacks.datasetName };
  worker.postMessage(input, tableTransferList(table));
  return {
    result,
    cancel: async () => {
      finish(new AnalysisFailedError('cancelled', 'The analysis was cancelled.'));
      await worker.terminate();
    },
  };
}
