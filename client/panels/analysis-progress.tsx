import { useMemo } from 'react';
import type { AnalysisProgress } from '../../shared/api-types.ts';
import { fitToUnitSphere } from '../../shared/encodings/positions.ts';
import { PointFlag } from '../../shared/scene/flags.ts';
import { PointScene } from '../scene/point-scene.tsx';
import type { PointCloudData } from '../scene/types.ts';

const STAGE_NAMES: Record<string, string> = {
  queued: 'Waiting for a free worker',
  prepare: 'Preparing features',
  reduce: 'Computing the 3D layout',
  cluster: 'Finding clusters',
  anomalies: 'Scoring anomalies',
  explain: 'Describing clusters and outliers',
};

export function stageName(stage: string): string {
  return STAGE_NAMES[stage] ?? stage;
}

/** Progress bar with the stage name, and the layout as it settles when the server streams it. */
export function AnalysisProgressView(props: { progress: AnalysisProgress | null; layout: Float32Array | null }) {
  const fraction = props.progress?.fraction ?? 0;
  const stage = props.progress?.stage ?? 'queued';
  const data = useMemo<PointCloudData | null>(() => {
    const layout = props.layout;
    if (!layout) return null;
    const count = layout.length / 3;
    // Intermediate layouts are in the reducer's own units: frame them like the final one.
    const positions = fitToUnitSphere(Float32Array.from(layout));
    const colors = new Uint8Array(count * 4);
    for (let i = 0; i < count; i++) colors.set([140, 200, 255, 255], i * 4);
    return { count, positions, colors, sizes: new Float32Array(count).fill(1), flags: new Uint8Array(count).fill(PointFlag.PassesFilter) };
  }, [props.layout]);
  return (
    <div className="analysis-progress" data-testid="analysis-progress">
      <div className="progress-label">
        <span className="progress-stage">
          {stageName(stage)}
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
