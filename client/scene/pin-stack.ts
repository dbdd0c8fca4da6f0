import type { AnnotationPin } from './types.ts';

/** For each pin, how many earlier pins share its position: notes on one point stack upwards. */
export function stackIndices(pins: readonly AnnotationPin[]): number[] {
  const seen = new Map<string, number>();
  return pins.map((p) => {
    const key = p.position.join(',');
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return k;
  });
}
