import { parentPort, workerData } from 'node:worker_threads';
import { datasetQuality } from '../data-quality/dataset-quality.ts';
import { readTableColumns } from '../store/table-files.ts';
import type { QualityWorkerReply, QualityWorkerRequest } from './quality-protocol.ts';

// The quality report of a dataset imported before reports existed: read its table, check it, answer.
const request = (workerData as { request: QualityWorkerRequest }).request;
const reply = (message: QualityWorkerReply) => parentPort!.postMessage(message);

try {
  const table = await readTableColumns(request.dir, request.rowCount, request.columns);
  reply({ ok: true, quality: datasetQuality(table, request.warnings).quality });
} catch (error) {
  console.error('quality worker:', error);
  reply({ ok: false, message: 'The quality report could not be computed; see the server log.' });
}
