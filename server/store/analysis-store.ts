import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalysisParams } from '../../shared/analysis-params.ts';
import type { AnalysisDescription } from '../../shared/api-types.ts';
import type { ClusterStatsTable } from '../../shared/insights/explain.ts';
import { ANALYSIS_ARRAYS, ARRAY_NAMES, hasArrayType, type AnalysisArrays, type ArrayName } from '../../shared/analysis-arrays.ts';
import { decodeBuffer, encodeBuffer } from '../../shared/binary.ts';
import type { AnalysisCatalog, AnalysisPatch } from './analysis-catalog.ts';
import { RecordFreshness, sweepTemp, type StoreSharing } from './store-sharing.ts';
import { publishDirectory, writeFileAtomic } from './atomic-write.ts';
import { StoreError } from './errors.ts';
import { readStoredSummary } from './stored-summary.ts';
import { isValidId, newId } from './ids.ts';

const CLUSTER_STATS_FILE = 'cluster-stats.json';

interface StoredAnalysis extends AnalysisDescription {
  /** Content key of dataset + parameters + pipeline version: the same request twice is one analysis. */
  key: string;
}

/**
 * Analyses under DATA_DIR/analyses/<id>/: analysis.json (rewritten atomically at every status
 * change) and, once done, result/ with the arrays (one file each in the shared binary format,
 * named by shared/analysis-arrays.ts) (published with one rename before the status
 * says done, so "done" always has its arrays).
 */
export class AnalysisStore implements AnalysisCatalog {
  private readonly root: string;
  private readonly records = new Map<string, StoredAnalysis>();
  private readonly freshness = new RecordFreshness();

  /** `sharing`: DATA_DIR is shared with other processes (REDIS_URL); absent, this process is its only user. */
  constructor(
    dataDir: string,
    private readonly sharing?: StoreSharing,
  ) {
    this.root = join(dataDir, 'analyses');
  }

  async open(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const shared = this.sharing !== undefined;
    await sweepTemp(this.root, (entry) => entry.startsWith('.tmp-'), shared);
    for (const entry of await readdir(this.root)) {
      if (!isValidId(entry)) continue;
      const dir = join(this.root, entry);
      await sweepTemp(dir, (name) => name === '.result-tmp', shared);
      try {
        const record = JSON.parse(await readFile(join(dir, 'analysis.json'), 'utf8')) as StoredAnalysis;
        // Stored by an older version: read into today's shape.
        if (record.result) record.result = readStoredSummary(record.result);
        this.records.set(entry, record);
      } catch (error) {
        // Written atomically, analysis.json is whole or absent; absent means the analysis was
        // being deleted when the process died. Skip it rather than refuse to start.
        console.error(`skipping analyses/${entry}: ${(error as Error).message}`);
      }
    }
  }

  /** Analyses that were queued or running when the server stopped: the job queue resumes them. */
  unfinished(): AnalysisDescription[] {
    return [...this.records.values()].filter((r) => r.status === 'queued' || r.status === 'running').map(strip);
  }

  /** `id`: given where several processes must agree on it (a shared DATA_DIR names an analysis by its key). */
  async create(datasetId: string, params: AnalysisParams, key: string, id = newId()): Promise<AnalysisDescription> {
    const record: StoredAnalysis = {
      id,
      datasetId,
      params,
      key,
      status: 'queued',
      progress: { stage: 'queued', fraction: 0 },
      createdAt: new Date().toISOString(),
    };
    await this.persist(record);
    return strip(record);
  }

  findByKey(key: string): AnalysisDescription | undefined {
    for (const r of this.records.values()) if (r.key === key) return strip(r);
    return undefined;
  }

  get(id: string): AnalysisDescription {
    return strip(this.record(id));
  }

  /** The dataset an analysis belongs to, or null for an unknown id (access checks ask this). */
  datasetOf(id: string): string | null {
    return (isValidId(id) ? this.cached(id)?.datasetId : undefined) ?? null;
  }

  listForDataset(datasetId: string): AnalysisDescription[] {
    return [...this.records.values()].filter((r) => r.datasetId === datasetId).map(strip);
  }

  /** Progress lives in memory only: it changes many times a second and means nothing after a restart. */
  setProgress(id: string, progress: AnalysisDescription['progress']): void {
    this.record(id).progress = progress;
  }

  async update(id: string, patch: AnalysisPatch): Promise<AnalysisDescription> {
    const record = { ...this.record(id), ...patch };
    await this.persist(record);
    return strip(record);
  }

  /** The arrays and the per-cluster statistics of a finished run, published together. */
  async saveResult(id: string, arrays: AnalysisArrays, clusterStats: ClusterStatsTable): Promise<void> {
    const dir = join(this.root, this.record(id).id);
    const tmp = join(dir, '.result-tmp');
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    const points = arrays.rowIndex.length;
    for (const name of ARRAY_NAMES) {
      const columns = points === 0 ? 1 : arrays[name].length / points;
      await writeFileAtomic(join(tmp, `${ANALYSIS_ARRAYS[name].file}.bin`), encodeBuffer(arrays[name], { columns }));
    }
    await writeFileAtomic(join(tmp, CLUSTER_STATS_FILE), JSON.stringify(clusterStats));
    await rm(join(dir, 'result'), { recursive: true, force: true });
    await publishDirectory(tmp, join(dir, 'result'));
  }

  arrayPath(id: string, name: ArrayName): string {
    const record = this.record(id);
    if (record.status !== 'done') throw new StoreError('conflict', `Analysis "${id}" is ${record.status}; its results are not ready.`);
    return join(this.root, id, 'result', `${ANALYSIS_ARRAYS[name].file}.bin`);
  }

  /**
   * The per-cluster statistics stored with a finished analysis, or null for one finished before
   * they were (pipeline version < 5): the caller computes them from the dataset instead.
   */
  async readClusterStats(id: string): Promise<ClusterStatsTable | null> {
    const record = this.record(id);
    if (record.status !== 'done') throw new StoreError('conflict', `Analysis "${id}" is ${record.status}; its results are not ready.`);
    try {
      return JSON.parse(await readFile(join(this.root, id, 'result', CLUSTER_STATS_FILE), 'utf8')) as ClusterStatsTable;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** One array of a finished analysis, decoded. */
  async readArray<K extends ArrayName>(id: string, name: K): Promise<AnalysisArrays[K]> {
    const data = decodeBuffer(await readFile(this.arrayPath(id, name))).data;
    if (!hasArrayType(name, data)) throw new StoreError('corrupt', `Analysis "${id}": its ${name} array has the wrong type.`);
    return data;
  }

  async delete(id: string): Promise<void> {
    this.record(id);
    this.records.delete(id);
    await rm(join(this.root, id), { recursive: true, force: true });
    this.sharing?.changed(id);
  }

  /** Another process changed this analysis (its status, or deleted it): read it again from disk. */
  async reload(id: string): Promise<void> {
    if (!isValidId(id)) return;
    try {
      const record = JSON.parse(await readFile(join(this.root, id, 'analysis.json'), 'utf8')) as StoredAnalysis;
      if (record.result) record.result = readStoredSummary(record.result);
      this.records.set(id, record);
    } catch {
      this.records.delete(id);
    }
  }

  private record(id: string): StoredAnalysis {
    const record = isValidId(id) ? this.cached(id) : undefined;
    if (!record) throw new StoreError('not_found', `No analysis with id "${id}".`);
    return record;
  }

  /**
   * The cached record; on a shared DATA_DIR revalidated against analysis.json first (a worker or
   * another API process may have changed or deleted it a moment before its event arrives here).
   */
  private cached(id: string): StoredAnalysis | undefined {
    if (!this.sharing) return this.records.get(id);
    const fresh = this.freshness.check<StoredAnalysis>(id, join(this.root, id, 'analysis.json'), this.records.has(id));
    if (fresh.kind === 'gone') this.records.delete(id);
    else if (fresh.kind === 'changed') {
      const record = fresh.record;
      if (record.result) record.result = readStoredSummary(record.result);
      this.records.set(id, record);
    }
    return this.records.get(id);
  }

  private async persist(record: StoredAnalysis): Promise<void> {
    this.records.set(record.id, record);
    await writeFileAtomic(join(this.root, record.id, 'analysis.json'), JSON.stringify(record));
    this.sharing?.changed(record.id);
  }
}

function strip({ key: _key, ...description }: StoredAnalysis): AnalysisDescription {
  return description;
}
