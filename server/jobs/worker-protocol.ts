import { arraysTransferList } from '../../shared/analysis-arrays.ts';
import type { AnalysisParams } from '../../shared/analysis-params.ts';
import type { PipelineStage } from '../../shared/analysis-result.ts';
import type { Table } from '../../shared/table.ts';
import type { PipelineOutput } from '../analysis/pipeline-types.ts';

/** Messages between the job queue (main thread) and an analysis worker thread. */
export interface WorkerInput {
  table: Table;
  params: AnalysisParams;
  layoutEvery?: number;
  threads?: 1 | 2;
  /** Words the explanations ("123 penguins"). */
  datasetName?: string;
}

export type WorkerMessage =
  | { type: 'progress'; stage: PipelineStage; fraction: number }
  | { type: 'rows'; rowIndex: Uint32Array }
  | { type: 'layout'; stage: PipelineStage; positions: Float32Array }
  | { type: 'clusters'; cluster: Int32Array }
  | { type: 'anomalies'; anomaly: Float32Array; anomalyFlag: Uint8Array }
  | { type: 'done'; output: PipelineOutput }
  | { type: 'failed'; code: string; message: string };

/** The typed arrays of a table, to transfer (not copy) them to a worker. */
export function tableTransferList(table: Table): ArrayBuffer[] {
  const buffers = table.columns.flatMap((c) => {
    const d = c.data;
    if (d.type === 'text') return [];
    return ['codes' in d ? (d.codes.buffer as ArrayBuffer) : (d.values.buffer as ArrayBuffer)];
  });
  // A buffer listed twice cannot be transferred; one shared by two columns moves once.
  return [...new Set(buffers)];
}

export function outputTransferList(output: PipelineOutput): ArrayBuffer[] {
  return arraysTransferList(output);
}
