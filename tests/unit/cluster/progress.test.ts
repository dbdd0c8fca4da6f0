import { describe, expect, it } from 'vitest';
import { kmeans } from '../../../server/analysis/cluster/kmeans.ts';
import { kmeansAuto } from '../../../server/analysis/cluster/kmeans-auto.ts';
import { dbscan } from '../../../server/analysis/cluster/dbscan.ts';
import { hdbscan } from '../../../server/analysis/cluster/hdbscan.ts';
import { isolationForest } from '../../../server/analysis/anomaly/isolation-forest.ts';
import { densityAnomaly } from '../../../server/analysis/anomaly/density.ts';
import { CancelledError, type ProgressFn } from '../../../server/analysis/progress.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';
import { satelliteLayout } from './satellite-layout.ts';

const x = zScoreColumns(generateMixture({ rows: 5000, numeric: 3, clusters: 4, seed: 3 }).numeric);
// 3,840 rows whose satellites make DBSCAN's eps widen: the path with a second pass.
const satellites = satelliteLayout(8, 400, 4, 20).x;

const runs: Record<string, (onProgress: ProgressFn, signal?: AbortSignal) => unknown> = {
  kmeans: (onProgress, signal) => kmeans(x, 4, { seed: 1, onProgress, signal }),
  kmeansAuto: (onProgress, signal) => kmeansAuto(x, { seed: 1, kMax: 5, sampleSize: 500, onProgress, signal }),
  dbscan: (onProgress, signal) => dbscan(x, { eps: 'auto', onProgress, signal }),
  'dbscan (eps widened)': (onProgress, signal) => {
    const r = dbscan(satellites, { eps: 'auto', onProgress, signal });
    expect(r.epsRule).toBe('widened');
    return r;
  },
  'hdbscan (prim)': (onProgress, signal) => hdbscan(x, { mst: 'prim', onProgress, signal }),
  'hdbscan (boruvka)': (onProgress, signal) => hdbscan(x, { mst: 'boruvka', onProgress, signal }),
  isolationForest: (onProgress, signal) => isolationForest(x, { seed: 1, trees: 30, onProgress, signal }),
  densityAnomaly: (onProgress, signal) => densityAnomaly(x, { onProgress, signal }),
};

describe('progress and cancellation', () => {
  for (const [name, run] of Object.entries(runs)) {
    it(`${name} reports rising fractions in [0, 1] and stops on an aborted signal`, () => {
      const seen: number[] = [];
      run((f) => seen.push(f));
      expect(seen.length).toBeGreaterThan(1);
      for (let i = 0; i < seen.length; i++) {
        expect(seen[i]).toBeGreaterThanOrEqual(0);
        expect(seen[i]).toBeLessThanOrEqual(1);
        if (i > 0) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
      }
      const controller = new AbortController();
      controller.abort();
      expect(() => run(() => {}, controller.signal)).toThrow(CancelledError);
    });
  }
});
