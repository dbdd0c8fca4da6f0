/**
 * Canonical cluster labels: clusters renumbered 0..c-1 by decreasing size (ties: the cluster
 * whose first row comes first), noise stays -1. Every method returns labels in this form, so
 * "cluster 0" is always the biggest and results compare across methods and runs.
 * Returns the new labels and `mapping[old] = new` for the old non-negative labels.
 */
export function canonicalLabels(labels: Int32Array): { labels: Int32Array; mapping: Int32Array; clusterCount: number } {
  let maxLabel = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const size = new Int32Array(maxLabel + 1);
  const first = new Int32Array(maxLabel + 1).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l < 0) continue;
    if (size[l]++ === 0) first[l] = i;
  }
  const present: number[] = [];
  for (let l = 0; l <= maxLabel; l++) if (size[l] > 0) present.push(l);
  present.sort((a, b) => size[b] - size[a] || first[a] - first[b]);
  const mapping = new Int32Array(maxLabel + 1).fill(-1);
  present.forEach((old, rank) => (mapping[old] = rank));
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] < 0 ? -1 : mapping[labels[i]];
  return { labels: out, mapping, clusterCount: present.length };
}

/** Rows per cluster for canonical labels (noise not counted). */
export function clusterSizes(labels: Int32Array): number[] {
  const sizes: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l < 0) continue;
    while (sizes.length <= l) sizes.push(0);
    sizes[l]++;
  }
  return sizes;
}
