// The clustering entry points the pipeline uses; internals (MST builders, condensed tree) stay private.
export { kmeans, type KMeansOptions, type KMeansResult } from './kmeans.ts';
export { kmeansAuto, type KMeansAutoOptions, type KMeansAutoResult } from './kmeans-auto.ts';
export { dbscan, defaultMinPts, type DbscanOptions, type DbscanResult } from './dbscan.ts';
export { hdbscan, defaultMinClusterSize, type HdbscanOptions, type HdbscanResult } from './hdbscan.ts';
export { canonicalLabels, clusterSizes } from './canonical-labels.ts';
export { ClusterInputError } from './errors.ts';
