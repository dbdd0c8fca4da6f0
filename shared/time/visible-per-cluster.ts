/** Per cluster id (-1 = noise), its points that pass (`passes[i]` = 1): the cluster sizes at a moment of the timeline. */
export function visiblePerCluster(passes: Uint8Array, cluster: ArrayLike<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < passes.length; i++) if (passes[i]) counts.set(cluster[i], (counts.get(cluster[i]) ?? 0) + 1);
  return counts;
}
