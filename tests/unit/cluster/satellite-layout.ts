import { createMatrix } from '../../../server/analysis/matrix.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';
import type { Labelled } from './real-data.ts';

/**
 * What UMAP makes of a table with category columns (measured on the synthetic mixture): each
 * true group is a dense island, with small satellite clumps (the rarer category combinations)
 * just off its rim. `islands` Gaussian islands (σ 0.05) on a circle of radius 1, each with
 * `satellites` clumps of `satelliteRows` rows (σ 0.01) at 0.22 from its centre; labels are the
 * island, satellites included.
 */
export function satelliteLayout(islands: number, islandRows: number, satellites: number, satelliteRows: number, seed = 3): Labelled {
  const random = createRandom(seed);
  const perIsland = islandRows + satellites * satelliteRows;
  const x = createMatrix(islands * perIsland, 3);
  const labels = new Int32Array(islands * perIsland);
  let row = 0;
  const put = (cx: number, cy: number, cz: number, sigma: number, island: number) => {
    x.data[row * 3] = cx + sigma * randomNormal(random);
    x.data[row * 3 + 1] = cy + sigma * randomNormal(random);
    x.data[row * 3 + 2] = cz + sigma * randomNormal(random);
    labels[row++] = island;
  };
  for (let c = 0; c < islands; c++) {
    const angle = (2 * Math.PI * c) / islands;
    const [cx, cy] = [Math.cos(angle), Math.sin(angle)];
    for (let i = 0; i < islandRows; i++) put(cx, cy, 0, 0.05, c);
    for (let s = 0; s < satellites; s++) {
      // Satellites spread around the island in 3D, none towards a neighbouring island.
      const a = (2 * Math.PI * s) / satellites;
      const [sx, sy, sz] = [0.22 * Math.cos(a) * 0.6, 0.22 * Math.sin(a) * 0.6, 0.22 * 0.8 * (s % 2 ? 1 : -1)];
      for (let i = 0; i < satelliteRows; i++) put(cx + sx, cy + sy, sz, 0.01, c);
    }
  }
  return { x, labels };
}
