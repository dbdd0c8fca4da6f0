import { createRandom, randomInt } from '../../shared/random.ts';

/**
 * `m` distinct rows of n chosen by a seeded partial Fisher–Yates shuffle, in increasing order
 * (all rows when m ≥ n). Callers salt the seed so that different samplings of one analysis do
 * not pick the same rows.
 */
export function seededSample(n: number, m: number, seed: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (m >= n) return all;
  const random = createRandom(seed);
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(random, n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, m).sort();
}
