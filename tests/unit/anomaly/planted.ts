import { createMatrix, type Matrix } from '../../../server/analysis/matrix.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';

/**
 * A standard-normal blob of `inliers` rows in d dimensions plus `outliers` rows planted at
 * distance 5–7 from the centre in random directions (about as far as the blob's own rare
 * extremes reach, so the task is not trivial in high d). truth[i] = 1 for planted rows,
 * which come last.
 */
export function plantedOutliers(inliers: number, outliers: number, d: number, seed: number): { x: Matrix; truth: Uint8Array } {
  const random = createRandom(seed);
  const n = inliers + outliers;
  const x = createMatrix(n, d);
  const truth = new Uint8Array(n);
  for (let i = 0; i < inliers * d; i++) x.data[i] = randomNormal(random);
  for (let i = inliers; i < n; i++) {
    truth[i] = 1;
    const direction = Array.from({ length: d }, () => randomNormal(random));
    const norm = Math.hypot(...direction);
    const radius = 5 + 2 * random();
    for (let t = 0; t < d; t++) x.data[i * d + t] = (direction[t] / norm) * radius;
  }
  return { x, truth };
}

/** Area under the ROC curve of scores against 0/1 truth (Mann–Whitney, ties count half). */
export function rocAuc(scores: ArrayLike<number>, truth: Uint8Array): number {
  let pairs = 0;
  let wins = 0;
  for (let i = 0; i < truth.length; i++) {
    if (!truth[i]) continue;
    for (let j = 0; j < truth.length; j++) {
      if (truth[j]) continue;
      pairs++;
      if (scores[i] > scores[j]) wins++;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}
