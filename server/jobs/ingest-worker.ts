import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { IngestError, ingest } from '../ingest/index.ts';
import { profileTable } from '../ingest/profile.ts';
import { DatasetStore, datasetDetail } from '../store/dataset-store.ts';
import type { IngestReply, IngestRequest } from './ingest-protocol.ts';

// Parse, profile and write one uploaded file off the main thread; answer with its description.
const request = (workerData as { request: IngestRequest }).request;
const reply = (message: IngestReply) => parentPort!.postMessage(message);

try {
  const result = await ingest(createReadStream(request.path), {
    contentType: request.contentType,
    fileName: request.fileName,
    maxRows: request.maxRows,
    maxColumns: request.maxColumns,
  });
  const detail = datasetDetail(
    request.id,
    { name: request.name, format: result.format, bytes: result.bytes, warnings: result.warnings },
    result.table,
    profileTable(result.table).columns,
  );
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
