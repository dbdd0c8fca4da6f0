import { describe, expect, it } from 'vitest';
import { CARD_GAP, CARD_MARGIN, placeCard } from '../../../client/app/card-placement.ts';

const card = { width: 340, height: 420 };
const contains = (spot: { x: number; y: number }, p: { x: number; y: number }, size = card) => p.x >= spot.x && p.x <= spot.x + size.width && p.y >= spot.y && p.y <= spot.y + size.height;

describe('placing the point card', () => {
  it('goes right of the point, else left, never over it, always inside the area', () => {
    const area = { width: 900, height: 750 };
    for (let x = 0; x <= area.width; x += 25) {
      for (let y = 0; y <= area.height; y += 25) {
        const spot = placeCard({ x, y }, card, area);
        expect(spot.x).toBeGreaterThanOrEqual(CARD_MARGIN);
        expect(spot.y).toBeGreaterThanOrEqual(CARD_MARGIN);
        expect(spot.x + card.width).toBeLessThanOrEqual(area.width - CARD_MARGIN);
        expect(spot.y + card.height).toBeLessThanOrEqual(area.height - CARD_MARGIN);
        expect(contains(spot, { x, y })).toBe(false);
        if (spot.side === 'right') expect(spot.x).toBe(x + CARD_GAP);
        if (spot.side === 'left') expect(spot.x + card.width).toBe(x - CARD_GAP);
      }
    }
    expect(placeCard({ x: 100, y: 300 }, card, area).side).toBe('right');
    expect(placeCard({ x: 800, y: 300 }, card, area).side).toBe('left');
  });

  it('on a phone, where neither side has room, goes below or above the point', () => {
    const phone = { width: 390, height: 700 };
    const small = { width: 374, height: 300 };
    const high = placeCard({ x: 200, y: 150 }, small, phone);
    expect(high.side).toBe('below');
    expect(high.y).toBe(150 + CARD_GAP);
    const low = placeCard({ x: 200, y: 600 }, small, phone);
    expect(low.side).toBe('above');
    expect(low.y + small.height).toBe(600 - CARD_GAP);
    for (const spot of [high, low]) expect(contains(spot, { x: 200, y: spot === high ? 150 : 600 }, small)).toBe(false);
  });
});
