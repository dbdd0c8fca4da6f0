import { describe, expect, it } from 'vitest';
import { CARD_MAX_M, CARD_MIN_M, cardDistance, cardLines, cardTextHeight, visualAngleDeg } from '../../../client/xr/card-layout.ts';

describe('hover card layout', () => {
  it('text spans at least 1° of visual angle at every distance the card floats at', () => {
    for (const d of [CARD_MIN_M, 1, 1.7, CARD_MAX_M]) expect(visualAngleDeg(cardTextHeight(d), d)).toBeGreaterThanOrEqual(1);
    // At arm's length (0.6 m) a 1.3° line is about 14 mm tall.
    expect(cardTextHeight(0.6)).toBeCloseTo(0.0136, 3);
  });
  it('floats a little in front of the pointed point, within comfortable focus distances', () => {
    expect(cardDistance(0.2)).toBe(CARD_MIN_M);
    expect(cardDistance(1.6)).toBeCloseTo(1.5, 12);
    expect(cardDistance(9)).toBe(CARD_MAX_M);
  });
  it('shows a title and the row as column: value lines, counting what does not fit', () => {
    const entries = Array.from({ length: 14 }, (_, k) => [`c${k}`, String(k)] as const);
    const lines = cardLines('C2 · row 8', entries, 10);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('C2 · row 8');
    expect(lines[1]).toBe('c0: 0');
    expect(lines[9]).toBe('+ 6 more');
    expect(cardLines('t', entries.slice(0, 3), 10)).toEqual(['t', 'c0: 0', 'c1: 1', 'c2: 2']);
  });
});
