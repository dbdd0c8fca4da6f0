/**
 * Where a details card goes beside a point on screen (CSS pixels in the scene area): to the
 * right of the point, else to its left, vertically a little above centre; always inside the
 * area with a margin, and never over the point itself (above or below it when neither side
 * has room, as on a phone). Pure, so the rule is tested without a browser.
 */
export interface CardPlacement {
  x: number;
  y: number;
  side: 'right' | 'left' | 'below' | 'above';
}

export const CARD_GAP = 24;
export const CARD_MARGIN = 8;

export function placeCard(point: { x: number; y: number }, card: { width: number; height: number }, area: { width: number; height: number }): CardPlacement {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(Math.max(lo, hi), v));
  const maxX = area.width - card.width - CARD_MARGIN;
  const maxY = area.height - card.height - CARD_MARGIN;
  const y = clamp(point.y - card.height * 0.3, CARD_MARGIN, maxY);
  if (point.x + CARD_GAP + card.width <= area.width - CARD_MARGIN) return { x: Math.max(CARD_MARGIN, point.x + CARD_GAP), y, side: 'right' };
  if (point.x - CARD_GAP - card.width >= CARD_MARGIN) return { x: point.x - CARD_GAP - card.width, y, side: 'left' };
  // Neither side has room: above or below the point, whichever has more.
  const x = clamp(point.x - card.width / 2, CARD_MARGIN, maxX);
  if (area.height - point.y >= point.y) return { x, y: clamp(point.y + CARD_GAP, CARD_MARGIN, maxY), side: 'below' };
  return { x, y: clamp(point.y - CARD_GAP - card.height, CARD_MARGIN, maxY), side: 'above' };
}
