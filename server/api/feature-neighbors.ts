import { readFile } from 'node:fs/promises';
import { decodeBuffer } from '../../shared/binary.ts';
import type { Matrix } from '../analysis/matrix.ts';
import { nearestRows } from '../analysis/neighbors/knn.ts';
import type { AnalysisCatalog } from '../store/analysis-catalog.ts';

/**
 * k nearest points of a point in feature space (what the layout may distort). Feature matrices
 * are read from disk once and the two most recently used are kept: a session asks many times.
 */
export class FeatureNeighbors {
  private readonly cache = new Map<string, Promise<Matrix>>();

  constructor(
    private readonly analyses: AnalysisCatalog,
    private readonly keep = 2,
  ) {}

  async query(analysisId: string, point: number, k: number): Promise<{ point: number; neighbors: { point: number; distance: number }[] }> {
    const x = await this.matrix(analysisId);
    const { indices, distances } = nearestRows(x, point, Math.min(k, x.rows - 1));
    return { point, neighbors: Array.from(indices, (p, i) => ({ point: p, distance: distances[i] })) };
  }

  private matrix(analysisId: string): Promise<Matrix> {
    let entry = this.cache.get(analysisId);
    if (entry) {
      this.cache.delete(analysisId);
    } else {
      const path = this.analyses.arrayPath(analysisId, 'features');
      entry = readFile(path).then((bytes) => {
        const decoded = decodeBuffer(bytes);
        return { rows: decoded.shape[0], cols: decoded.shape[1], data: decoded.data as Float32Array };
      });
      entry.catch(() => this.cache.delete(analysisId));
    }
    this.cache.set(analysisId, entry);
    while (this.cache.size > this.keep) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}
