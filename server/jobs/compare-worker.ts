import { parentPort, workerData } from 'node:worker_threads';
import type { DatasetDetail } from '../../shared/api-types.ts';
import { combineTables } from '../analysis/drift/combine-tables.ts';
import { driftReport, DriftError, type NamedTable } from '../analysis/drift/drift-report.ts';
import { datasetQuality } from '../data-quality/dataset-quality.ts';
import { profileTable } from '../ingest/profile.ts';
import { DatasetStore, datasetDetail } from '../store/dataset-store.ts';
import { writeDriftFile } from '../store/drift-file.ts';
import { writeQualityFile } from '../store/quality-files.ts';
import { readTableColumns } from '../store/table-files.ts';
import type { CompareReply, CompareRequest, StoredDatasetRef } from './compare-protocol.ts';

// Drift of two stored datasets off the main thread; with `combine`, the dataset joining them too.
const request = (workerData as { request: CompareRequest }).request;
const reply = (message: CompareReply) => parentPort!.postMessage(message);

async function read(ref: StoredDatasetRef): Promise<NamedTable> {
  return { datasetId: ref.datasetId, name: ref.name, table: await readTableColumns(ref.dir, ref.rowCount, ref.columns) };
}

try {
  const [reference, current] = await Promise.all([read(request.reference), read(request.current)]);
  const drift = driftReport(reference, current);
  let detail: DatasetDetail | undefined;
  if (request.combine) {
    const { table, sourceColumn, labels } = combineTables(reference, current);
    const [referenceLabel, currentLabel] = labels;
    const base = datasetDetail(
      request.combine.id,
      { name: `${reference.name} vs ${current.name}`, format: request.reference.format, bytes: 0, warnings: [] },
      table,
      profileTable(table).columns,
    );
    const { quality } = datasetQuality(table, []);
    detail = {
      ...base,
      quality: { findings: quality.findings.length, alerts: 0 },
      comparison: {
        reference: { datasetId: reference.datasetId, name: reference.name, label: referenceLabel },
        current: { datasetId: current.datasetId, name: current.name, label: currentLabel },
        sourceColumn,
      },
    };
    await writeQualityFile(request.combine.targetDir, quality);
    await writeDriftFile(request.combine.targetDir, drift);
    await DatasetStore.writeDirectory(request.combine.targetDir, detail, table);
  }
  reply({ ok: true, drift, ...(detail ? { detail } : {}) });
} catch (error) {
  if (error instanceof DriftError) reply({ ok: false, code: 'no_shared_columns', message: error.message });
  else {
    console.error('compare worker:', error);
    reply({ ok: false, code: 'internal', message: 'The comparison could not be computed on the server; nothing was kept. See the server log.' });
  }
}
