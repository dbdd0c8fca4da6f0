import type { FreeRect } from '../../shared/scene/frame-pose.ts';
import type { ScreenBox } from './label-placement.ts';

/**
 * The part of a `width` × `height` view that the boxes drawn over it (the page's legend, hint
 * line; CSS pixels, y down) leave free, as fractions of the view (frame-pose.ts frames into it).
 * Each box overlapping what is still free cuts off the side it sits on that costs the least
 * area: a legend tall at the left cuts off its column, a hint line at the bottom its strip.
 * Greedy, largest box first: enough for a few edge-anchored overlays. Pure.
 */
export function freeRect(width: number, height: number, boxes: readonly ScreenBox[]): FreeRect {
  if (!(width > 0 && height > 0)) return { x0: 0, y0: 0, x1: 1, y1: 1 };
  let free = { x0: 0, y0: 0, x1: width, y1: height };
  const area = (b: ScreenBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
  for (const box of [...boxes].sort((a, b) => area(b) - area(a))) {
    const overlap = { x0: Math.max(free.x0, box.x0), y0: Math.max(free.y0, box.y0), x1: Math.min(free.x1, box.x1), y1: Math.min(free.y1, box.y1) };
    if (!(overlap.x1 > overlap.x0 && overlap.y1 > overlap.y0)) continue;
    const cuts = [
      { ...free, x0: overlap.x1 },
      { ...free, x1: overlap.x0 },
      { ...free, y0: overlap.y1 },
      { ...free, y1: overlap.y0 },
    ];
    free = cuts.reduce((best, c) => (area(c) > area(best) ? c : best));
  }
  return { x0: free.x0 / width, y0: free.y0 / height, x1: free.x1 / width, y1: free.y1 / height };
}
