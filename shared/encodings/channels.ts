import type { Encoding } from '../session/types.ts';
import { constantColors, encodeColors, type ColorResult } from './color-encoding.ts';
import { constantMagnitude, encodeMagnitude, type MagnitudeRange } from './magnitude-encoding.ts';
import { categoricalPalette, DEFAULT_CATEGORICAL } from './palettes.ts';
import type { PointContext } from './point-context.ts';
import { valuesFor } from './point-values.ts';

/** The colour drawn when an encoding has nothing to read: the default palette's first hue. */
export const FALLBACK_COLOR = categoricalPalette(DEFAULT_CATEGORICAL)[0];

/**
 * One channel's per-point colours from its encoding (the scene's CloudBuilder and the server's
 * report snapshots both call this): a constant, or the values the encoding reads through its
 * palette and scale. `pending` names a column that is not loaded (on the server: that the
 * dataset lacks).
 */
export function colorsOf(enc: Encoding, ctx: PointContext): ColorResult | { pending: string } {
  if (enc.by === 'constant') return constantColors(ctx.count, typeof enc.value === 'string' ? enc.value : FALLBACK_COLOR);
  const result = valuesFor(enc, ctx);
  if (result === null) return constantColors(ctx.count, FALLBACK_COLOR);
  if ('pending' in result) return { pending: result.pending };
  return encodeColors(result.values, enc, result.title);
}

/** Size or opacity per point from its encoding, mapped onto `range` (see colorsOf for `pending`). */
export function magnitudeOf(enc: Encoding, ctx: PointContext, range: MagnitudeRange): Float32Array | { pending: string } {
  if (enc.by === 'constant') return constantMagnitude(ctx.count, typeof enc.value === 'number' ? enc.value : 1);
  const result = valuesFor(enc, ctx);
  if (result === null) return constantMagnitude(ctx.count, 1);
  if ('pending' in result) return { pending: result.pending };
  return encodeMagnitude(result.values, enc, range);
}
