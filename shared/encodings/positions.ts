import type { PositionSource } from '../session/index.ts';
import { numberAt, type PointContext } from './point-context.ts';

/**
 * Point positions: the analysis embedding as served (already centred, 98% within radius 1), or
 * three numeric columns brought to the same frame so switching between them keeps the camera
 * meaningful. Each axis is standardised first (columns have unrelated units), then the cloud
 * is centred and scaled so 98% of points lie within radius 1. Missing values sit at the
 * axis' centre, where they are visible but out of the way.
 */
export const RADIUS_SHARE = 0.98;

export type PositionsResult = { positions: Float32Array } | { pending: string[] };

export function positionsFor(source: PositionSource, embedding: Float32Array, ctx: PointContext): PositionsResult {
  if (source.by === 'embedding') return { positions: embedding };
  const names = [source.x, source.y, source.z];
  const pending = names.filter((name) => !ctx.columns.has(name));
  if (pending.length > 0) return { pending: [...new Set(pending)] };
  const n = ctx.count;
  const out = new Float32Array(n * 3);
  for (let axis = 0; axis < 3; axis++) {
    const column = ctx.columns.get(names[axis])!;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = numberAt(column, ctx.rowIndex[i]);
    standardise(values);
    for (let i = 0; i < n; i++) out[i * 3 + axis] = values[i];
  }
  return { positions: fitToUnitSphere(out) };
}

/** z-scores in place; NaN (missing) becomes 0, the mean. A constant axis stays at 0. */
function standardise(values: Float64Array): void {
  let sum = 0;
  let count = 0;
  for (const v of values) if (!Number.isNaN(v)) {
    sum += v;
    count++;
  }
  const mean = count > 0 ? sum / count : 0;
  let sq = 0;
  for (const v of values) if (!Number.isNaN(v)) sq += (v - mean) ** 2;
  const std = count > 1 ? Math.sqrt(sq / (count - 1)) : 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    values[i] = Number.isNaN(v) || std === 0 ? 0 : (v - mean) / std;
  }
}

/** Centres on the mean and scales so RADIUS_SHARE of the points fall within radius 1 (in place). */
export function fitToUnitSphere(positions: Float32Array): Float32Array {
  const n = positions.length / 3;
  if (n === 0) return positions;
  const centre = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) centre[a] += positions[i * 3 + a] / n;
  const radii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let a = 0; a < 3; a++) {
      const d = (positions[i * 3 + a] -= centre[a]);
      r2 += d * d;
    }
    radii[i] = Math.sqrt(r2);
  }
  radii.sort();
  // The smallest radius that holds at least RADIUS_SHARE of the points.
  const r = radii[Math.min(n - 1, Math.max(0, Math.ceil(RADIUS_SHARE * n) - 1))];
  if (r > 0) for (let i = 0; i < positions.length; i++) positions[i] /= r;
  return positions;
}
