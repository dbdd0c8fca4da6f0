import { parentPort, workerData } from 'node:worker_threads';
import { IngestError, ingestFile } from '../ingest/index.ts';
import { profileTable } from '../ingest/profile.ts';
import { DatasetStore, datasetDetail } from '../store/dataset-store.ts';
import type { IngestReply, IngestRequest } from './ingest-protocol.ts';
import type { DatasetDetail } from '../../shared/api-types.ts';
import { datasetQuality, type PreviousVersion } from '../data-quality/dataset-quality.ts';
import { readRulesFile, writeQualityFile, writeRulesFile } from '../store/quality-files.ts';
import { readTableColumns } from '../store/table-files.ts';

// Parse, profile and write one uploaded file off the main thread; answer with its description.
const request = (workerData as { request: IngestRequest }).request;
const reply = (message: IngestReply) => parentPort!.postMessage(message);

try {
  const result = await ingestFile(request.path, {
    contentType: request.contentType,
    fileName: request.fileName,
    sheet: request.sheet,
    maxRows: request.maxRows,
    maxColumns: request.maxColumns,
  });
  const base = datasetDetail(
    request.id,
    { name: request.name, format: result.format, typesFromFile: result.typesFromFile, sheet: result.sheet, bytes: result.bytes, warnings: result.warnings },
    result.table,
    profileTable(result.table).columns,
  );
  // The quality report is computed here, once, while the table is in memory.
  const { quality, rules } = datasetQuality(result.table, result.warnings, await previousVersion(request));
  const detail: DatasetDetail = {
    ...base,
    quality: { findings: quality.findings.length, alerts: quality.replaces?.alerts.length ?? 0 },
    ...(quality.replaces ? { replaces: { datasetId: quality.replaces.datasetId, name: quality.replaces.name, createdAt: quality.replaces.createdAt! } } : {}),
  };
  await writeQualityFile(request.targetDir, quality);
  if (rules.length > 0) await writeRulesFile(request.targetDir, rules);
  await DatasetStore.writeDirectory(request.targetDir, detail, result.table);
  reply({ ok: true, detail });
} catch (error) {
  if (error instanceof IngestError) {
    reply({ ok: false, code: error.code, message: error.message });
  } else {
    // Disk full, permissions…: our fault, not the file's. Details go to the log, not the user.
    console.error('ingest worker:', error);
    reply({ ok: false, code: 'internal', message: 'The file could not be stored on the server; nothing was kept. See the server log.' });
  }
}

async function previousVersion(request: IngestRequest): Promise<PreviousVersion | undefined> {
  const previous = request.previous;
  if (!previous) return undefined;
  const table = await readTableColumns(previous.dir, previous.rowCount, previous.columns);
  return { datasetId: previous.datasetId, name: previous.name, createdAt: previous.createdAt, table, rules: await readRulesFile(previous.dir) };
}
