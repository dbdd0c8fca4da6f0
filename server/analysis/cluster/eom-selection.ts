import type { CondensedTree } from './condensed-tree.ts';

export interface FlatClustering {
  /** -1 noise, otherwise the index of the selected condensed-tree cluster in `selected`. */
  labels: Int32Array;
  probabilities: Float32Array;
  /** Selected condensed-tree clusters, in label order. */
  selected: number[];
  /** Per label: stability / (size × largest λ in the tree), in [0, 1] (hdbscan's cluster_persistence_). */
  persistence: number[];
}

/**
 * Excess-of-mass selection on a condensed tree, as the hdbscan library's get_clusters() with
 * cluster_selection_method 'eom' and allow_single_cluster false:
 *  - stability(C) = Σ over rows and child clusters leaving C of (λ_leave − λ_birth(C)) × size;
 *  - bottom-up, a cluster is kept if its stability is at least the summed (already optimised)
 *    stability of its children, which it then replaces; otherwise its children's sum becomes
 *    its stability. The root is never selected, so the data is never one big cluster.
 * A row belongs to the selected cluster above the cluster it fell out of, or is noise; its
 * probability is min(λ_row, λ_max(C)) / λ_max(C), λ_max(C) the largest λ at which anything
 * leaves C itself.
 */
export function selectClusters(tree: CondensedTree): FlatClustering {
  const { clusterCount: c, clusterParent, clusterBirth, clusterSize, pointCluster, pointLambda } = tree;
  const n = pointCluster.length;
  const stability = new Float64Array(c);
  const death = new Float64Array(c);
  let maxLambda = 0;
  for (let i = 0; i < n; i++) {
    const k = pointCluster[i];
    const at = pointLambda[i];
    stability[k] += at - clusterBirth[k];
    if (at > death[k]) death[k] = at;
    if (at > maxLambda) maxLambda = at;
  }
  for (let k = 1; k < c; k++) {
    const parent = clusterParent[k];
    const at = clusterBirth[k];
    stability[parent] += (at - clusterBirth[parent]) * clusterSize[k];
    if (at > death[parent]) death[parent] = at;
  }

  const children: number[][] = Array.from({ length: c }, () => []);
  for (let k = 1; k < c; k++) children[clusterParent[k]].push(k);
  const isSelected = new Uint8Array(c);
  const optimal = Float64Array.from(stability);
  // Children are numbered after their parents: a backward sweep is bottom-up.
  for (let k = c - 1; k >= 1; k--) {
    let subtree = 0;
    for (const child of children[k]) subtree += optimal[child];
    if (subtree > optimal[k]) {
      optimal[k] = subtree;
      continue;
    }
    isSelected[k] = 1;
    const stack = [...children[k]];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      isSelected[v] = 0;
      stack.push(...children[v]);
    }
  }

  const selected: number[] = [];
  const labelOf = new Int32Array(c).fill(-1);
  for (let k = 1; k < c; k++) if (isSelected[k]) labelOf[k] = selected.push(k) - 1;
  // owner[k] = the selected cluster at or above k (-1 if none); parents come first.
  const owner = new Int32Array(c).fill(-1);
  for (let k = 1; k < c; k++) owner[k] = isSelected[k] ? k : owner[clusterParent[k]];

  const labels = new Int32Array(n).fill(-1);
  const probabilities = new Float32Array(n);
  const sizes = new Array<number>(selected.length).fill(0);
  for (let i = 0; i < n; i++) {
    const k = owner[pointCluster[i]];
    if (k < 0) continue;
    const label = labelOf[k];
    labels[i] = label;
    sizes[label]++;
    const top = death[k];
    probabilities[i] = top > 0 ? Math.min(pointLambda[i], top) / top : 1;
  }
  const persistence = selected.map((k, label) =>
    maxLambda > 0 && sizes[label] > 0 ? stability[k] / (sizes[label] * maxLambda) : 1,
  );
  return { labels, probabilities, selected, persistence };
}
