import { describe, expect, it } from 'vitest';
import { freeRect } from '../../../client/scene/free-rect.ts';

describe('freeRect', () => {
  it('the whole view when nothing is drawn over it (or the view has no size)', () => {
    expect(freeRect(1280, 720, [])).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
    expect(freeRect(0, 0, [{ x0: 0, y0: 0, x1: 10, y1: 10 }])).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
  });

  it('a tall legend at the top left cuts off its column; a hint line at the bottom its strip', () => {
    const legend = { x0: 12, y0: 12, x1: 252, y1: 400 };
    const hint = { x0: 400, y0: 690, x1: 880, y1: 712 };
    const free = freeRect(1280, 720, [hint, legend]);
    expect(free).toEqual({ x0: 252 / 1280, y0: 0, x1: 1, y1: 690 / 720 });
  });

  it('a wide, short legend cuts off the band above instead', () => {
    const free = freeRect(1280, 720, [{ x0: 12, y0: 12, x1: 500, y1: 80 }]);
    expect(free).toEqual({ x0: 0, y0: 80 / 720, x1: 1, y1: 1 });
  });

  it('boxes outside the view, or outside what is already cut off, change nothing', () => {
    const free = freeRect(1280, 720, [
      { x0: 0, y0: 0, x1: 300, y1: 700 },
      { x0: 20, y0: 20, x1: 200, y1: 60 },
      { x0: 1300, y0: 0, x1: 1400, y1: 50 },
    ]);
    expect(free).toEqual({ x0: 300 / 1280, y0: 0, x1: 1, y1: 1 });
  });
});
