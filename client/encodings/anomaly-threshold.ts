/**
 * The lowest anomaly score among the flagged points (the orange-ringed top fraction): a filter
 * from there keeps exactly the flagged points (and any unflagged point tied with the last);
 * null when none is flagged.
 */
export function flaggedThreshold(anomaly: Float32Array, flag: Uint8Array): number | null {
  let lowest = Infinity;
  for (let i = 0; i < flag.length; i++) if (flag[i] === 1 && anomaly[i] < lowest) lowest = anomaly[i];
  return Number.isFinite(lowest) ? lowest : null;
}
