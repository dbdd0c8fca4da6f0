import { rm } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { DatasetDetail } from '../../shared/api-types.ts';
import { runOnce } from '../jobs/run-once.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import type { IngestRequest, IngestReply } from '../jobs/ingest-protocol.ts';

export interface UploadedFile {
  path: string;
  bytes: number;
  contentType: string;
  fileName?: string;
}

/**
 * Turns an uploaded file into a stored dataset. Parsing a 200 MB file takes seconds, so it runs
 * in a worker thread that also writes the column files into a temporary directory; the main
 * thread then publishes the directory with one rename. The uploaded file is removed either way.
 */
export class DatasetImporter {
  constructor(
    private readonly datasets: DatasetCatalog,
    private readonly limits: { maxRows: number; maxColumns: number },
  ) {}

  /**
   * `replaces`: the id of the dataset this upload is a new version of; without it, a dataset
   * already stored under the same name is the one replaced. The old version stays as it was.
   */
  async importFile(file: UploadedFile, name?: string, replaces?: string, sheet?: string): Promise<DatasetDetail> {
    try {
      const resolvedName = name?.trim() || datasetNameFrom(file.fileName);
      const previous = replaces !== undefined ? this.datasets.get(replaces) : this.datasets.latestNamed(resolvedName);
      const target = this.datasets.reserve();
      const request: IngestRequest = {
        path: file.path,
        contentType: file.contentType,
        fileName: file.fileName,
        ...(sheet !== undefined ? { sheet } : {}),
        bytes: file.bytes,
        name: resolvedName,
        targetDir: target.tmpDir,
        id: target.id,
        ...this.limits,
        ...(previous
          ? {
              previous: {
                datasetId: previous.id,
                name: previous.name,
                createdAt: previous.createdAt,
                dir: this.datasets.dir(previous.id),
                rowCount: previous.rowCount,
                columns: previous.columns.map((c) => ({ name: c.name, type: c.type, identifier: c.identifier })),
              },
            }
          : {}),
      };
      try {
        const reply = await runIngestWorker(request);
        if (!reply.ok) throw Object.assign(new Error(reply.message), { code: reply.code });
        return await this.datasets.publish(target, reply.detail);
      } catch (error) {
        await this.datasets.discard(target);
        throw error;
      }
    } finally {
      await rm(file.path, { force: true });
    }
  }
}

function datasetNameFrom(fileName: string | undefined): string {
  if (!fileName) return `Dataset ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
  const base = basename(fileName);
  return base.slice(0, base.length - extname(base).length) || base;
}

function runIngestWorker(request: IngestRequest): Promise<IngestReply> {
  return runOnce<IngestReply>(new URL('../jobs/ingest-worker.ts', import.meta.url), { request }, 'ingest', {
    crashed: { ok: false, code: 'internal', message: 'The import failed on the server; nothing was kept. See the server log.' },
    exited: { ok: false, code: 'internal', message: 'The import stopped unexpectedly (out of memory?).' },
  });
}
