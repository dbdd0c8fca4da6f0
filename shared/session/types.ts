/**
 * The shapes of the session document as code sees them after reading (validated, defaulted).
 * The document itself may hold anything a client wrote; the readers in this folder turn it
 * into these types or drop the entry, so nothing downstream has to distrust them again.
 */
export type Vec3 = [number, number, number];
export type Quat = [number, number, number, number];

/** Where a point's x/y/z come from: the analysis' 3D embedding, or one numeric column per axis. */
export type PositionSource = { by: 'embedding' } | { by: 'columns'; x: string; y: string; z: string };

export type EncodingChannel = 'color' | 'size' | 'opacity';
export type EncodingKind = 'cluster' | 'anomaly' | 'column' | 'constant';
export type EncodingScale = 'linear' | 'log' | 'sqrt' | 'quantile';

/**
 * One visual channel. `column` is required when `by` is 'column'; `value` is the constant
 * (a CSS colour for 'color', a number for 'size' and 'opacity') when `by` is 'constant'.
 */
export interface Encoding {
  by: EncodingKind;
  column?: string;
  scale?: EncodingScale;
  palette?: string;
  value?: number | string;
}

/** Filtered-out points are drawn faint ('fade') or not at all ('hide'). */
export type FilterMode = 'fade' | 'hide';

export interface ViewState {
  position: PositionSource;
  color: Encoding;
  size: Encoding;
  opacity: Encoding;
  /** Multiplier on every sphere's radius, in (0, 100]. */
  pointScale: number;
  filterMode: FilterMode;
}

export interface SessionMeta {
  schemaVersion: number;
  datasetId: string;
  analysisId: string | null;
  title: string;
  /** Unix milliseconds. */
  createdAt: number;
}

interface FilterCommon {
  id: string;
  enabled: boolean;
  author: string;
  /** Unix milliseconds; orders the filter list the same way for everyone. */
  createdAt: number;
}

/** Keeps rows whose numeric column lies in [min, max]; null = unbounded on that side. */
export interface RangeFilter extends FilterCommon {
  kind: 'range';
  column: string;
  min: number | null;
  max: number | null;
}

/** Keeps rows whose column value is one of `values` (categories, booleans, missing = null). */
export interface SetFilter extends FilterCommon {
  kind: 'set';
  column: string;
  values: Array<string | number | boolean | null>;
}

/** Keeps points whose cluster id is one of `values` (-1 = noise). */
export interface ClusterFilter extends FilterCommon {
  kind: 'cluster';
  values: number[];
}

/** Keeps points whose anomaly score (in [0, 1]) lies in [min, max]. */
export interface AnomalyFilter extends FilterCommon {
  kind: 'anomaly';
  min: number | null;
  max: number | null;
}

export type Filter = RangeFilter | SetFilter | ClusterFilter | AnomalyFilter;
export type FilterKind = Filter['kind'];

/**
 * Selected dataset rows as sorted, disjoint, non-adjacent half-open ranges flattened into one
 * array: [start0, end0, start1, end1, …]. Rows 3, 4, 5 and 9 are [3, 6, 9, 10].
 */
export type RowRanges = number[];

export interface Selection {
  clusters: number[];
  /** Dataset row indices (not point indices), so a selection survives re-analysis. */
  points: RowRanges;
  author: string | null;
  updatedAt: number;
}

export interface Annotation {
  id: string;
  /** The dataset row the note is pinned to, or null when it is pinned to a position. */
  rowIndex: number | null;
  /** Scene position the note is pinned to, or null when it is pinned to a row. */
  position: Vec3 | null;
  text: string;
  author: string;
  color: string;
  createdAt: number;
}

export interface Camera {
  position: Vec3;
  target: Vec3;
  up?: Vec3;
}

export interface Bookmark {
  id: string;
  title: string;
  camera: Camera;
  view: ViewState;
  filters: Filter[];
  author: string;
  createdAt: number;
  /** The analysis it was saved on (its cluster ids mean nothing on another); absent on old ones. */
  analysisId?: string;
  /** The selection's rows when it was saved (canonical row ranges); absent when none or on old ones. */
  selection?: RowRanges;
  /**
   * The numbers that analysis's clusters were shown with when it was saved (raw id → shown id,
   * as `meta.clusterIds`); absent when they were its raw ids. A later re-bind back to the same
   * analysis can number its clusters differently: applying renumbers the cluster filter.
   */
  clusterIds?: { raw: number[]; shown: number[] };
}

export interface Pose {
  position: Vec3;
  target: Vec3;
}

export interface Presenter {
  /** Awareness client id of the presenter, or null when nobody presents. */
  clientId: number | null;
  name: string | null;
  pose: Pose | null;
  updatedAt: number;
}

/**
 * The shared timeline (`playback`). `column` null: the timeline is off. While `playing`, the
 * moment is `position` at wall-clock `anchorMs`, moving `speed` × the column's play rate
 * (playbackMoment); paused, it is `position`. Times are values of the column: epoch ms for a
 * date column, the number itself for a numeric one (years). `window`: how far back rows stay
 * shown (column units), null = everything so far.
 */
export interface Playback {
  column: string | null;
  playing: boolean;
  position: number;
  anchorMs: number;
  speed: number;
  window: number | null;
  author: string;
  updatedAt: number;
}
