import { createMatrix } from '../../../server/analysis/matrix.ts';
import { createRandom } from '../../../shared/random.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';
import type { Labelled } from './real-data.ts';

/**
 * 3D test set for HDBSCAN: four Gaussian blobs of different spreads plus 40 uniform noise
 * rows over the whole box (label -1), so the density hierarchy has real structure and noise.
 */
export function hdbscanMixture(): Labelled {
  const mix = generateMixture({ rows: 760, numeric: 3, clusters: 4, separation: 4, seed: 77 });
  const blobs = zScoreColumns(mix.numeric);
  const random = createRandom(78);
  const x = createMatrix(800, 3);
  x.data.set(blobs.data);
  for (let i = 760 * 3; i < 800 * 3; i++) x.data[i] = (random() * 2 - 1) * 2.5;
  const labels = new Int32Array(800).fill(-1);
  labels.set(mix.labels);
  return { x, labels };
}
