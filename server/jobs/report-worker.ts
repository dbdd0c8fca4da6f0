import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeBuffer } from '../../shared/binary.ts';
import type { Column } from '../../shared/table.ts';
import { assembleAnalysisPart, type ReportArrays } from '../insights/report/assemble.ts';
import { decodeColumn } from '../store/table-files.ts';
import type { ReportReply, ReportRequest } from './report-protocol.ts';

// Draw a findings report's pictures and statistics off the main thread (seconds on a million
// points): read the analysis' arrays and the table's columns, assemble, answer with the parts.
const request = (workerData as { request: ReportRequest }).request;
const reply = (message: ReportReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

async function typed<T>(path: string, ctor: new (...args: never[]) => T, name: string): Promise<T> {
  const data = decodeBuffer(await readFile(path)).data;
  if (!(data instanceof ctor)) throw new Error(`the analysis' ${name} array has an unexpected type`);
  return data;
}

try {
  const paths = request.arrayPaths;
  const arrays: ReportArrays = {
    rowIndex: await typed(paths.rowIndex, Uint32Array, 'rowIndex'),
    positions: await typed(paths.positions, Float32Array, 'positions'),
    cluster: await typed(paths.cluster, Int32Array, 'cluster'),
    anomaly: await typed(paths.anomaly, Float32Array, 'anomaly'),
    anomalyFlag: await typed(paths.anomalyFlag, Uint8Array, 'anomalyFlag'),
  };
  const columns: Column[] = [];
  for (const c of request.table.columns) columns.push({ name: c.name, identifier: c.identifier, data: decodeColumn(await readFile(c.path), c.type) });
  const part = assembleAnalysisPart(request.document, request.analysis, arrays, { rowCount: request.table.rowCount, columns });
  const pictures = part.views.flatMap((v) => (v.snapshot ? [v.snapshot.png.buffer, v.snapshot.printPng.buffer] : []));
  reply({ ok: true, part }, [...new Set(pictures)] as ArrayBuffer[]);
} catch (error) {
  console.error('report worker:', error);
  reply({ ok: false, message: 'The report could not be made on the server. See the server log.' });
}
