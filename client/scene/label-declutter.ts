/** A label's rectangle on screen, pixels (y down). */
export interface ScreenBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where to draw each label so that none covers another. Each label offers candidate boxes in
 * order of preference (none: not on screen), labels most important first; each takes its first
 * candidate clear of those already placed, grown by `gap` pixels. Returns the candidate index
 * per label, or -1 where every candidate is covered (the label is not drawn).
 */
export function placeLabels(candidates: readonly (readonly ScreenBox[])[], gap = 4): number[] {
  const placed: ScreenBox[] = [];
  const clear = (b: ScreenBox) => !placed.some((k) => b.x0 < k.x1 + gap && b.x1 > k.x0 - gap && b.y0 < k.y1 + gap && b.y1 > k.y0 - gap);
  return candidates.map((boxes) => {
    const choice = boxes.findIndex(clear);
    if (choice >= 0) placed.push(boxes[choice]);
    return choice;
  });
}
