import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import { infoNote, type AnalysisNote } from '../../../shared/analysis-result.ts';
import { kmeans } from '../cluster/kmeans.ts';
import { kmeansAuto } from '../cluster/kmeans-auto.ts';
import type { Matrix } from '../matrix.ts';
import type { ProgressFn } from '../progress.ts';
import type { ClusterStageOutput } from './cluster-stage.ts';

/** k-means with the given k, or k = "auto" (silhouette on a sample), on x; `space` is what x is. */
export function kmeansStage(
  x: Matrix,
  space: 'embedding' | 'features',
  params: AnalysisParams,
  hooks: { onProgress: ProgressFn; signal?: AbortSignal },
): ClusterStageOutput {
  const c = params.clustering;
  const common = { seed: params.seed, onProgress: hooks.onProgress, signal: hooks.signal };
  if (c.k === 'auto') {
    const auto = kmeansAuto(x, common);
    const notes: AnalysisNote[] = [];
    const where = space === 'embedding' ? 'layout' : 'features';
    if (auto.sampled < x.rows) notes.push(infoNote(`k = ${auto.k} was chosen by silhouette (on the ${where}) on a random sample of ${auto.sampled} of ${x.rows} points, then fitted on all points.`));
    const top = auto.scores.at(-1)!.k;
    if (top > 10) notes.push(infoNote(`k = "auto" searched k up to ${top} (the silhouette was still highest at k = 10) and chose k = ${auto.k}.`));
    return {
      labels: auto.result.labels,
      summary: { method: 'kmeans', space, k: auto.k, silhouette: auto.scores.map((s) => ({ k: s.k, score: s.silhouette })), silhouetteSample: auto.sampled },
      notes,
    };
  }
  const k = Math.min(c.k, x.rows);
  return { labels: kmeans(x, k, common).labels, summary: { method: 'kmeans', space, k }, notes: [] };
}
