import type { AnalysisSummary, PipelineStage } from '../../shared/analysis-result.ts';
import type { AnalysisArrays } from '../../shared/analysis-arrays.ts';

export interface PipelineHooks {
  /** Overall progress: the stage running and the fraction of the whole analysis done (0..1). */
  onProgress?: (stage: PipelineStage, fraction: number) => void;
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

export interface PipelineOutput extends AnalysisArrays {
  summary: AnalysisSummary;
}
