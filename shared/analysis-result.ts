import type { AnalysisParams } from './analysis-params.ts';
import type { ColumnType } from './table.ts';

/**
 * The JSON part of a finished analysis (its arrays travel as binary buffers): what was used,
 * what was found and how long it took. The client shows it; the CLI prints it.
 */
export interface FeatureEncoding {
  column: string;
  type: ColumnType;
  encoding: 'zscore' | 'minmax' | 'one-hot' | 'frequency' | 'tfidf-svd';
  /** Names of the matrix columns this column produced (one per one-hot level). */
  outputs: string[];
  /** For scaled values: value' = weight · (value - center) / scale (weight 1 when absent). */
  center?: number;
  scale?: number;
  /**
   * Categories and booleans: the factor their outputs were multiplied by (one-hot: the row's
   * level holds `weight`, the others 0), at most 1 — so that two rows differing in the column
   * lie one neighbour step of the numeric columns apart (docs/analysis.md, "Weighing discrete
   * columns"). Absent on numbers and dates.
   */
  weight?: number;
  /** Free text turned into word features ('tfidf-svd'): the vocabulary kept and the TF-IDF variance its SVD dimensions keep. */
  text?: { terms: number; keptShare: number };
}

export interface ExcludedColumn {
  name: string;
  reason: 'identifier' | 'text' | 'excluded by user' | 'constant' | 'all missing' | 'not requested';
}

/**
 * What sets a group (a cluster, or group a of a comparison) apart from the other one (the rest,
 * or group b), in the column's own units (original values, never z-scores).
 */
export interface ClusterTrait {
  column: string;
  /**
   * 'higher'/'lower': the cluster's mean differs from the rest; 'mostly': one category
   * dominates; 'words': a free-text feature column's words that set the cluster apart.
   */
  kind: 'higher' | 'lower' | 'mostly' | 'words';
  /**
   * Standardised mean difference (Cohen's d) or, for 'mostly', share in cluster minus share
   * elsewhere; for 'words', the same share difference of rows holding its first word.
   */
  effect: number;
  /** Numbers and dates (epoch ms): the means of both groups. */
  /** 'words': the words, most distinctive first, with the share of rows holding each inside the cluster and elsewhere. */
  words?: { term: string; share: number; restShare: number }[];
  clusterMean?: number;
  restMean?: number;
  /** Categories: the value, its share in the cluster and in the rest. */
  value?: string;
  share?: number;
  restShare?: number;
  /** Categories: share in the cluster ÷ share among all the rows compared (association-rule lift; ≥ 1 here). */
  lift?: number;
}

export interface ClusterDescription {
  id: number;
  size: number;
  /** Fraction of the analysed points in this cluster. */
  share: number;
  label: string;
  /** Strongest first. */
  traits: ClusterTrait[];
  /**
   * The cluster in plain language, from the figures of its (at most 3) strongest traits, e.g.
   * "123 penguins, 36% of all: body mass 5,076 g vs 3,706 g elsewhere (d = 2.9); 100% Gentoo".
   */
  paragraph: string;
}

export interface AnomalyReason {
  column: string;
  /** The row's value as written (numbers as numbers, dates as ISO strings, categories as text). */
  value: number | string;
  /** z-score of the value among the typical (non-flagged) analysed rows. */
  z?: number;
  /** Numbers and dates: the mean of the typical rows, in the column's units (dates: epoch ms). */
  typicalMean?: number;
  /** For a rare category: its share of rows. */
  share?: number;
  /** The reason in words with units, e.g. "body mass 6,300 g vs 4,190 g typically (z = 3.1)". */
  text?: string;
}

export interface AnomalyDescription {
  /** Index of the point (0..pointCount-1). */
  point: number;
  rowIndex: number;
  score: number;
  /** At least one, most telling first (at most 3). */
  reasons: AnomalyReason[];
  /** Its nearest typical (non-flagged) rows in feature space (at most 3), nearest first. */
  typical: { rowIndex: number; distance: number }[];
}

export interface MissingByColumn {
  column: string;
  /** Rows left out because this column was missing (a row missing several features counts for each). */
  droppedRows: number;
  imputedCells: number;
}

export interface AnalysisSummary {
  params: AnalysisParams;
  rowCount: number;
  pointCount: number;
  droppedRows: number;
  imputedCells: number;
  /** Per feature column with missing values: rows of the drop it accounts for, or cells filled (absent in results cached before it existed). */
  missingByColumn?: MissingByColumn[];
  features: FeatureEncoding[];
  excluded: ExcludedColumn[];
  /** Width of the feature matrix after encoding. */
  featureDimensions: number;
  reduction: {
    method: AnalysisParams['reduction']['method'];
    /** When the features were first reduced by PCA (wide data), to how many dimensions. */
    preReducedTo?: number;
    /** PCA only: share of variance each of the 3 axes explains. */
    explainedVarianceRatio?: number[];
    trustworthiness?: { k: number; value: number; sampledPoints: number };
  };
  clustering: {
    method: AnalysisParams['clustering']['method'];
    space: 'embedding' | 'features';
    clusterCount: number;
    noiseCount: number;
    k?: number;
    eps?: number;
    /** k-means with k = "auto": silhouette of each candidate k, computed on `sampledPoints` rows. */
    silhouette?: { k: number; score: number }[];
    silhouetteSample?: number;
    /** Mean share of each point's 10 nearest layout neighbours that share its cluster (1: every island one colour). */
    layoutAgreement?: number;
    /**
     * Default k-means only: it ran on the features, then was checked against the layout;
     * `features` is that check's agreement, and when below `threshold` the clusters come from
     * the layout (space 'embedding') and `layout` is theirs.
     */
    spaceCheck?: { features: number; layout?: number; threshold: number };
  };
  clusters: ClusterDescription[];
  anomalies: {
    method: AnalysisParams['anomalies']['method'];
    contamination: number;
    flagged: number;
    top: AnomalyDescription[];
  };
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Plain-language notes on anything approximated or sampled (never silent). */
  notes: AnalysisNote[];
}

/**
 * One note of an analysis. `info` says what was done and why (parameters chosen by a rule, a
 * sample, a pre-reduction); `warning` says the result lacks something the user may expect
 * (rows left out, a method replaced by a fallback).
 */
export interface AnalysisNote {
  level: 'info' | 'warning';
  text: string;
}

export const infoNote = (text: string): AnalysisNote => ({ level: 'info', text });
export const warningNote = (text: string): AnalysisNote => ({ level: 'warning', text });

/**
 * Notes as stored: analyses saved before notes had a level hold plain strings, read as
 * informational (what most notes are); anything else malformed is dropped.
 */
export function readNotes(notes: unknown): AnalysisNote[] {
  if (!Array.isArray(notes)) return [];
  return notes.flatMap((n: unknown): AnalysisNote[] => {
    if (typeof n === 'string') return [infoNote(n)];
    if (n !== null && typeof n === 'object' && 'text' in n && typeof n.text === 'string') {
      return [{ level: 'level' in n && n.level === 'warning' ? 'warning' : 'info', text: n.text }];
    }
    return [];
  });
}

export const PIPELINE_STAGES = ['prepare', 'reduce', 'cluster', 'anomalies', 'explain'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
