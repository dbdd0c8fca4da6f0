import type { AnalysisSummary, PipelineStage } from '../../shared/analysis-result.ts';
import type { AnalysisArrays } from '../../shared/analysis-arrays.ts';
import type { ClusterStatsTable } from '../../shared/insights/explain.ts';

export interface PipelineHooks {
  /** Overall progress: the stage running and the fraction of the whole analysis done (0..1). */
  onProgress?: (stage: PipelineStage, fraction: number) => void;
  /**
   * The dataset rows the points are (point i is row rowIndex[i]), once the features are prepared
   * and before any layout: what lets a page that shows another analysis of the dataset move its
   * own points to an intermediate layout.
   */
  onRows?: (rowIndex: Uint32Array) => void;
  /**
   * Each point's cluster as soon as the clustering stage ends (what cluster.bin will hold; -1 =
   * noise): pages colour the settling cloud by it while anomalies and explanations are computed.
   * The pipeline goes on using the array: a callee that keeps it copies it.
   */
  onClusters?: (cluster: Int32Array) => void;
  /** Anomaly scores and flags as soon as that stage ends (what anomaly.bin / anomaly-flag.bin will hold; copy to keep). */
  onAnomalies?: (anomaly: Float32Array, anomalyFlag: Uint8Array) => void;
  /** Intermediate 3D layouts while UMAP/t-SNE settle (n×3, already centred and scaled; the callee may keep it). */
  onLayout?: (positions: Float32Array, stage: PipelineStage) => void;
  /** How many optimisation epochs between two intermediate layouts (default: the reducer's). */
  layoutEvery?: number;
  signal?: AbortSignal;
  /**
   * Threads UMAP and t-SNE may use (1 or 2; default: 2 from 5k rows). The job queue lowers it to
   * 1 when several analyses already share the cores. Results are identical either way.
   */
  threads?: 1 | 2;
}

/** What the pipeline is told about the data besides the table (it words the explanations). */
export interface PipelineAbout {
  /** The dataset's name (its file name): "penguins.json" makes the paragraphs say "123 penguins". */
  datasetName?: string;
}

export interface PipelineOutput extends AnalysisArrays {
  summary: AnalysisSummary;
  /** Per-cluster statistics of every column (stored beside the arrays as cluster-stats.json). */
  clusterStats: ClusterStatsTable;
}
