/**
 * Clusters with fewer than `minSize` rows become noise (-1): what a minimum cluster size means
 * for DBSCAN, whose own rule only guarantees one core row per cluster. Labels are 0-based
 * cluster numbers (any order) or -1; the kept clusters keep their numbers.
 */
export function dropSmallClusters(labels: Int32Array, minSize: number): { labels: Int32Array; droppedClusters: number; droppedRows: number } {
  let maxLabel = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const size = new Int32Array(maxLabel + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) size[labels[i]]++;
  let droppedClusters = 0;
  for (let c = 0; c <= maxLabel; c++) if (size[c] > 0 && size[c] < minSize) droppedClusters++;
  if (droppedClusters === 0) return { labels, droppedClusters: 0, droppedRows: 0 };
  let droppedRows = 0;
  const out = Int32Array.from(labels, (l) => {
    if (l < 0 || size[l] >= minSize) return l;
    droppedRows++;
    return -1;
  });
  return { labels: out, droppedClusters, droppedRows };
}
