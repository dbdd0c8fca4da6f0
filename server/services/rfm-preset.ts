import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetDescription } from '../../shared/api-types.ts';
import { customerTable, type RfmColumns } from '../presets/rfm/customer-table.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import type { DatasetImporter } from './import-dataset.ts';

export type RfmOutcome =
  | { ok: true; dataset: DatasetDescription; customers: number; skipped: number; lastDate: string; segments: Record<string, number> }
  | { ok: false; message: string };

/**
 * The customer-segmentation preset: a transactions table becomes a customer table (one row per
 * customer, RFM measures, scores, segment) stored as an ordinary dataset through the importer,
 * so it is profiled, listed, analysed and shared like any upload.
 */
export class RfmPreset {
  constructor(
    private readonly datasets: DatasetCatalog,
    private readonly importer: DatasetImporter,
    private readonly uploadsDir: string,
  ) {}

  async derive(datasetId: string, columns: RfmColumns): Promise<RfmOutcome> {
    const source = this.datasets.get(datasetId);
    const table = await this.datasets.readTable(datasetId);
    const derived = customerTable(table, columns);
    if (!derived.ok) return derived;
    await mkdir(this.uploadsDir, { recursive: true });
    // The importer reads (and then removes) a file, as it does an upload's.
    const path = join(this.uploadsDir, `.tmp-rfm-${randomBytes(8).toString('hex')}`);
    const text = JSON.stringify(derived.rows);
    await writeFile(path, text);
    const detail = await this.importer.importFile({ path, bytes: Buffer.byteLength(text), contentType: 'application/json', fileName: `${source.name} customers (RFM).json` });
    return { ok: true, dataset: this.datasets.describe(detail.id), customers: derived.rows.length, skipped: derived.skipped, lastDate: derived.lastDate, segments: derived.segments };
  }
}
