import { analysisParamsSchema } from '../../shared/analysis-params.ts';
import type { AnalysisDescription, DatasetDescription } from '../../shared/api-types.ts';
import type { DriftReport } from '../../shared/insights/drift.ts';
import type { CompareReply, StoredDatasetRef } from '../jobs/compare-protocol.ts';
import type { AnalysisRunner } from '../jobs/analysis-runner.ts';
import { runCompareWorker } from '../jobs/run-compare-worker.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import { readDriftFile } from '../store/drift-file.ts';

/** A refusal about the request (two datasets sharing nothing, a dataset compared with itself): a 400. */
export class CompareError extends Error {
  constructor(
    readonly code: 'no_shared_columns' | 'same_dataset' | 'not_a_comparison' | 'too_many_rows',
    message: string,
  ) {
    super(message);
    this.name = 'CompareError';
  }
}

export interface Comparison {
  dataset: DatasetDescription;
  analysis: AnalysisDescription;
  drift: DriftReport;
}

/**
 * What moved between two datasets: their drift (computed on a worker thread), and the
 * comparison dataset that holds both for one joint embedding (published like any dataset, with
 * its drift kept beside it, and its analysis queued at once with the `source` column left out of
 * the features so it only colours).
 */
export class CompareService {
  constructor(
    private readonly datasets: DatasetCatalog,
    private readonly jobs: AnalysisRunner,
    /** The most rows a dataset may have (MAX_ROWS): the comparison holds both datasets' rows. */
    private readonly maxRows: number,
  ) {}

  /** The drift from `referenceId` to `currentId`; without `currentId`, the stored drift of a comparison dataset. */
  async drift(referenceId: string, currentId?: string): Promise<DriftReport> {
    if (currentId === undefined) return this.storedDrift(referenceId);
    const reply = await runCompareWorker({ reference: this.ref(referenceId), current: this.ref(currentId) });
    return unwrap(reply).drift;
  }

  async compare(referenceId: string, currentId: string, requester?: string): Promise<Comparison> {
    if (referenceId === currentId) throw new CompareError('same_dataset', 'A dataset compared with itself shows nothing: choose another dataset (or version) to compare with.');
    const reference = this.ref(referenceId);
    const current = this.ref(currentId);
    const rows = reference.rowCount + current.rowCount;
    if (rows > this.maxRows) {
      throw new CompareError('too_many_rows', `Both datasets together have ${rows} rows; a dataset may have at most ${this.maxRows} (MAX_ROWS), so they cannot be shown in one cloud.`);
    }
    const target = this.datasets.reserve();
    try {
      const reply = unwrap(await runCompareWorker({ reference, current, combine: { id: target.id, targetDir: target.tmpDir } }));
      const detail = await this.datasets.publish(target, reply.detail!);
      const params = analysisParamsSchema.parse({ columns: { [detail.comparison!.sourceColumn]: { exclude: true } } });
      const { analysis } = await this.jobs.submit(detail.id, params, requester);
      return { dataset: this.datasets.describe(detail.id), analysis, drift: reply.drift };
    } catch (error) {
      await this.datasets.discard(target);
      throw error;
    }
  }

  private async storedDrift(datasetId: string): Promise<DriftReport> {
    const detail = this.datasets.get(datasetId);
    const stored = detail.comparison ? await readDriftFile(this.datasets.dir(datasetId)) : undefined;
    if (!stored) {
      throw new CompareError('not_a_comparison', `"${detail.name}" is not a comparison of two datasets: name the dataset to compare it with (?against=<datasetId>).`);
    }
    return stored;
  }

  private ref(datasetId: string): StoredDatasetRef {
    const d = this.datasets.get(datasetId);
    return {
      datasetId: d.id,
      name: d.name,
      format: d.format,
      dir: this.datasets.dir(d.id),
      rowCount: d.rowCount,
      columns: d.columns.map((c) => ({ name: c.name, type: c.type, identifier: c.identifier })),
    };
  }
}

function unwrap(reply: CompareReply): Extract<CompareReply, { ok: true }> {
  if (reply.ok) return reply;
  if (reply.code === 'no_shared_columns') throw new CompareError('no_shared_columns', reply.message);
  throw Object.assign(new Error(reply.message), { code: 'internal' });
}
