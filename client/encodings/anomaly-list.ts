/**
 * The caption of the "Top anomalies" list: the list holds the highest scores, flagged or not
 * (the analysis flags its top contamination share, which may be fewer or more than listed), so
 * it says how many of the rows listed are flagged — and how many are flagged in all when that
 * differs from what the list holds.
 */
export function anomalyListCaption(input: { listed: number; flaggedListed: number; flaggedTotal: number }): string {
  const { listed, flaggedListed, flaggedTotal } = input;
  const head = `${flaggedListed} of ${listed} listed ${flaggedListed === 1 ? 'is' : 'are'} flagged`;
  return flaggedTotal > flaggedListed ? `${head} (${flaggedTotal.toLocaleString('en-US')} flagged in all)` : head;
}

/** How many of the listed points carry the anomaly flag (the orange halo). */
export function countFlagged(points: readonly number[], flag: Uint8Array): number {
  let n = 0;
  for (const p of points) if (flag[p] === 1) n++;
  return n;
}
