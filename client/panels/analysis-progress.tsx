import { useMemo } from 'react';
import type { AnalysisProgress } from '../../shared/api-types.ts';
import { fitToUnitSphere } from '../../shared/encodings/positions.ts';
import { colorsOf } from '../../shared/encodings/channels.ts';
import { composeColors } from '../../shared/encodings/color-encoding.ts';
import { PointFlag } from '../../shared/scene/flags.ts';
import { DEFAULT_VIEW } from '../../shared/session/index.ts';
import { PointScene } from '../scene/point-scene.tsx';
import type { PointCloudData } from '../scene/types.ts';
import type { EarlyPoints } from '../session/use-run-analysis.ts';
import { readyStage, stageName } from './stage-words.ts';

const PREVIEW_BLUE: [number, number, number, number] = [140, 200, 255, 255];

/** The preview's colours: by cluster as a session colours them (its default view) once the clusters are out, else one blue. */
function previewColors(count: number, cluster: Int32Array | null): Uint8Array {
  if (cluster && cluster.length === count) {
    const ctx = { count, rowIndex: new Uint32Array(count), cluster, anomaly: new Float32Array(count), anomalyFlag: new Uint8Array(count), columns: new Map(), clusterLabels: new Map() };
    const result = colorsOf(DEFAULT_VIEW.color, ctx);
    if (!('pending' in result)) return composeColors(result.rgb, null);
  }
  const colors = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) colors.set(PREVIEW_BLUE, i * 4);
  return colors;
}

/**
 * Progress bar with the stage name, and the layout as it settles when the server streams it,
 * coloured by cluster and ringed where anomalous as soon as those stages hand them out.
 */
export function AnalysisProgressView(props: { progress: AnalysisProgress | null; layout: Float32Array | null; early?: EarlyPoints }) {
  const fraction = props.progress?.fraction ?? 0;
  const stage = props.progress?.stage ?? 'queued';
  const cluster = props.early?.cluster ?? null;
  const anomalyFlag = props.early?.anomalyFlag ?? null;
  // Intermediate layouts are in the reducer's own units: frame them like the final one.
  const positions = useMemo(() => (props.layout ? fitToUnitSphere(Float32Array.from(props.layout)) : null), [props.layout]);
  const data = useMemo<PointCloudData | null>(() => {
    if (!positions) return null;
    const count = positions.length / 3;
    const flags = new Uint8Array(count);
    const flagged = anomalyFlag?.length === count ? anomalyFlag : null;
    for (let i = 0; i < count; i++) flags[i] = PointFlag.PassesFilter | (flagged?.[i] ? PointFlag.Anomaly : 0);
    return { count, positions, colors: previewColors(count, cluster), sizes: new Float32Array(count).fill(1), flags };
  }, [positions, cluster, anomalyFlag]);
  const label = readyStage(stage, { clusters: cluster !== null, anomalies: anomalyFlag !== null });
  return (
    <div className="analysis-progress" data-testid="analysis-progress">
      <div className="progress-label">
        <span className="progress-stage" data-testid="progress-stage">
          {label}
          {props.progress?.place !== undefined && stage === 'queued' && <span className="muted"> · place {props.progress.place} in the queue</span>}
        </span>
        <span className="progress-percent">{Math.round(fraction * 100)}%</span>
      </div>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)} aria-label={stageName(stage)}>
        <div className="progress-fill" style={{ width: `${Math.max(2, fraction * 100)}%` }} />
      </div>
      {data && (
        <div className="progress-preview">
          <PointScene data={data} showGrid={false} keyboard={false} />
        </div>
      )}
    </div>
  );
}
