import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import { infoNote, warningNote, type AnalysisNote, type AnalysisSummary } from '../../../shared/analysis-result.ts';
import { createMatrix, type Matrix } from '../matrix.ts';
import type { ProgressFn } from '../progress.ts';
import { pca } from '../reduce/pca.ts';
import { tsne } from '../reduce/tsne/tsne.ts';
import { umap } from '../reduce/umap/umap.ts';
import { normalizeLayout } from './normalize-layout.ts';

export interface ReduceStageOutput {
  /** n×3, centred and scaled (normalizeLayout). Its trustworthiness is measured by trust-stage.ts. */
  positions: Float32Array;
  summary: AnalysisSummary['reduction'];
  notes: AnalysisNote[];
}

/** UMAP and t-SNE first reduce wider data to this many principal components (see reduce/pca.ts preReduce). */
const PRE_REDUCE_DIMS = 50;
/** Below this many rows neighbour-graph methods have too few neighbours to mean anything. */
const MIN_ROWS_FOR_GRAPH = 16;
export function reduceStage(
  x: Matrix,
  params: AnalysisParams,
  hooks: { onProgress: ProgressFn; onLayout?: (positions: Float32Array) => void; layoutEvery?: number; signal?: AbortSignal; threads?: 1 | 2 },
): ReduceStageOutput {
  const notes: AnalysisNote[] = [];
  const reduction = params.reduction;
  let method = reduction.method;
  if (method !== 'pca' && x.rows < MIN_ROWS_FOR_GRAPH) {
    notes.push(warningNote(`${x.rows} rows are too few for ${method.toUpperCase()}; the layout uses PCA instead.`));
    method = 'pca';
  }
  let preReducedTo: number | undefined;
  if (method !== 'pca' && x.cols > PRE_REDUCE_DIMS) {
    preReducedTo = PRE_REDUCE_DIMS;
    notes.push(infoNote(`${x.cols} feature dimensions were reduced to ${PRE_REDUCE_DIMS} by PCA before ${method.toUpperCase()}.`));
  }
  // UMAP and t-SNE hand over a fresh copy each time: normalise it in place and pass it on.
  const onLayout = hooks.onLayout && ((p: Float32Array) => hooks.onLayout!(normalizeLayout(p)));
  let layout: Matrix;
  let explainedVarianceRatio: number[] | undefined;
  if (method === 'pca') {
    const result = pca(x, Math.min(3, x.cols), { signal: hooks.signal, onProgress: hooks.onProgress });
    explainedVarianceRatio = Array.from(result.explainedVarianceRatio);
    layout = padTo3(result.embedding);
  } else {
    // What UMAP and t-SNE share: 3D output, the seed, and the hooks of a long optimisation.
    const common = {
      nComponents: 3 as const,
      seed: params.seed,
      onProgress: hooks.onProgress,
      signal: hooks.signal,
      onLayout,
      layoutEvery: hooks.layoutEvery,
      threads: hooks.threads,
    };
    layout =
      method === 'umap'
        ? umap(x, { ...common, nNeighbors: Math.min(reduction.nNeighbors ?? 15, x.rows - 1), minDist: reduction.minDist, nEpochs: reduction.nEpochs })
        : tsne(x, { ...common, perplexity: Math.min(reduction.perplexity ?? 30, Math.floor((x.rows - 1) / 3)), nIter: reduction.nEpochs });
  }
  const positions = normalizeLayout(layout.data);
  const summary: AnalysisSummary['reduction'] = { method, preReducedTo, explainedVarianceRatio };
  return { positions, summary, notes };
}

function padTo3(m: Matrix): Matrix {
  if (m.cols === 3) return m;
  const out = createMatrix(m.rows, 3);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[i * 3 + j] = m.data[i * m.cols + j];
  return out;
}
