/**
 * Quintile scores 1–5 by rank: a value's score is 1 + ⌊5 · below / n⌋, where `below` counts the
 * values strictly worse than it. Equal values therefore always share a score (the lowest their
 * tie group reaches), whatever the row order: deterministic, and two identical customers are never
 * told apart. The price: heavily tied measures (a frequency of 1 for half the customers) fill
 * the quintiles unevenly, which is what the data says.
 * `higherIsBetter` false (recency in days) scores small values 5.
 */
export function quintileScores(values: Float64Array, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (higherIsBetter ? values[a] - values[b] : values[b] - values[a]));
  const scores = new Uint8Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const score = 1 + Math.floor((5 * start) / n);
    for (let k = start; k < end; k++) scores[order[k]] = score;
    start = end;
  }
  return scores;
}
