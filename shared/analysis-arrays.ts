import type { AnyTypedArray, Dtype } from './binary.ts';

/**
 * The one registry of an analysis's per-point arrays: the store's file names, the binary routes,
 * the worker's transfer list and the client's fetch list are all read from here, so a new array
 * is added in one place. Point i of every array is dataset row `rowIndex[i]`.
 */
export interface AnalysisArrays {
  rowIndex: Uint32Array;
  positions: Float32Array;
  cluster: Int32Array;
  anomaly: Float32Array;
  anomalyFlag: Uint8Array;
  /** The scaled feature matrix (points × featureDimensions): nearest neighbours in feature space. */
  features: Float32Array;
}

export type ArrayName = keyof AnalysisArrays;

export interface ArraySpec {
  /** File stem under the analysis's result/ folder (kept as the array's name: stored analyses stay readable). */
  file: string;
  /** URL stem of `GET /api/analyses/:id/<route>.bin`, or null when the array is not served. */
  route: string | null;
  dtype: Dtype;
  /** Values per point, or 'features' for the feature matrix's width (summary.featureDimensions). */
  width: number | 'features';
}

export const ANALYSIS_ARRAYS = {
  rowIndex: { file: 'rowIndex', route: 'row-index', dtype: 'uint32', width: 1 },
  positions: { file: 'positions', route: 'positions', dtype: 'float32', width: 3 },
  cluster: { file: 'cluster', route: 'cluster', dtype: 'int32', width: 1 },
  anomaly: { file: 'anomaly', route: 'anomaly', dtype: 'float32', width: 1 },
  anomalyFlag: { file: 'anomalyFlag', route: 'anomaly-flag', dtype: 'uint8', width: 1 },
  // Large (points × dimensions) and only needed for neighbour queries, which the server answers.
  features: { file: 'features', route: null, dtype: 'float32', width: 'features' },
} as const satisfies Record<ArrayName, ArraySpec>;

type Spec = typeof ANALYSIS_ARRAYS;
/** The arrays a client downloads: those with a route. */
export type ServedArrayName = { [K in ArrayName]: Spec[K]['route'] extends string ? K : never }[ArrayName];
export type ServedArrays = Pick<AnalysisArrays, ServedArrayName>;

export const ARRAY_NAMES = Object.keys(ANALYSIS_ARRAYS) as ArrayName[];
export const SERVED_ARRAY_NAMES = ARRAY_NAMES.filter((name): name is ServedArrayName => ANALYSIS_ARRAYS[name].route !== null);

/** The array a `<route>.bin` URL names, or undefined. */
export function arrayOfRoute(route: string): ServedArrayName | undefined {
  return SERVED_ARRAY_NAMES.find((name) => ANALYSIS_ARRAYS[name].route === route);
}

export function arrayRoute(name: ServedArrayName): string {
  return ANALYSIS_ARRAYS[name].route;
}

const CONSTRUCTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  uint32: Uint32Array,
  uint8: Uint8Array,
} as const;

/** Whether a decoded array has the type the registry gives `name`. */
export function hasArrayType<K extends ArrayName>(name: K, value: AnyTypedArray): value is AnalysisArrays[K] {
  return value instanceof CONSTRUCTORS[ANALYSIS_ARRAYS[name].dtype];
}

/**
 * The buffers of every array, to transfer (not copy) them from a worker. Arrays on shared
 * memory (the pipeline's helper threads wrote them) are left out: they cannot be transferred,
 * and posting them shares them without a copy anyway.
 */
export function arraysTransferList(arrays: AnalysisArrays): ArrayBuffer[] {
  const buffers = ARRAY_NAMES.map((name) => arrays[name].buffer).filter((b): b is ArrayBuffer => !(typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer));
  return [...new Set(buffers)];
}
