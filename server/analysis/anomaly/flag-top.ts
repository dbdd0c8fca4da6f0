import { AnomalyInputError } from './errors.ts';

/**
 * Flags the ⌈contamination · n⌉ highest scores (1 = flagged). Ties at the cut are broken by
 * row order, so exactly that many rows are flagged whatever the scores; contamination 0 flags none.
 */
export function flagTop(scores: ArrayLike<number>, contamination = 0.02): Uint8Array {
  if (!(contamination >= 0 && contamination <= 1)) {
    throw new AnomalyInputError(`contamination must be in [0, 1], got ${contamination}.`);
  }
  const n = scores.length;
  const count = Math.min(n, Math.ceil(contamination * n - 1e-9));
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const flags = new Uint8Array(n);
  for (let r = 0; r < count; r++) flags[order[r]] = 1;
  return flags;
}
