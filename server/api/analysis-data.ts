import type { AnalysisSummary } from '../../shared/analysis-result.ts';
import type { Table } from '../../shared/table.ts';
import type { AnalysisCatalog } from '../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import { HttpError } from './http-error.ts';

/** What the on-demand explanations read: the dataset's table, the analysis's rows and clusters, its summary. */
export interface AnalysisData {
  table: Table;
  rowIndex: Uint32Array;
  cluster: Int32Array;
  summary: AnalysisSummary;
  datasetName: string;
}

/**
 * A finished analysis with its dataset, read from disk once; the two most recently used are
 * kept, since a session compares groups many times in a row.
 */
export class AnalysisDataCache {
  private readonly cache = new Map<string, Promise<AnalysisData>>();

  constructor(
    private readonly analyses: AnalysisCatalog,
    private readonly datasets: DatasetCatalog,
    private readonly keep = 2,
  ) {}

  get(analysisId: string): Promise<AnalysisData> {
    const analysis = this.analyses.get(analysisId);
    if (analysis.status !== 'done' || !analysis.result) {
      throw new HttpError(409, 'conflict', `Analysis "${analysis.id}" is ${analysis.status}; its explanations need its results.`);
    }
    let entry = this.cache.get(analysisId);
    if (entry) {
      this.cache.delete(analysisId);
    } else {
      const summary = analysis.result;
      entry = (async () => ({
        table: await this.datasets.readTable(analysis.datasetId),
        rowIndex: await this.analyses.readArray(analysisId, 'rowIndex'),
        cluster: await this.analyses.readArray(analysisId, 'cluster'),
        summary,
        datasetName: this.datasets.describe(analysis.datasetId).name,
      }))();
      entry.catch(() => this.cache.delete(analysisId));
    }
    this.cache.set(analysisId, entry);
    while (this.cache.size > this.keep) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}
