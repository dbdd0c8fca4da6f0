import { describe, expect, it } from 'vitest';
import { clipText, panelText } from '../../../client/xr/panel-text.ts';
import { steppedMoment, steppedSpeed } from '../../../client/xr/time-steps.ts';

describe('text for the VR panel font', () => {
  it('keeps ASCII and the German letters the font has; punctuation becomes ASCII; accents drop; the rest is "?"', () => {
    expect(panelText('123 penguins, 36% of all: body mass 5,076 g vs 3,706 g elsewhere (d = 2.9); 100% Gentoo')).toBe('123 penguins, 36% of all: body mass 5,076 g vs 3,706 g elsewhere (d = 2.9); 100% Gentoo');
    expect(panelText('Größe · 20 °C — “ok”… ≥ 5')).toBe('Größe - 20 °C  -  "ok"... >= 5');
    expect(panelText('Café São Paulo')).toBe('Cafe Sao Paulo');
    expect(panelText('東京 ✓')).toBe('?? ?');
  });

  it('clips long text at a word, within the limit', () => {
    const long = 'the quick brown fox jumps over the lazy dog '.repeat(10);
    const clipped = clipText(long, 60);
    expect(clipped.length).toBeLessThanOrEqual(60);
    expect(clipped.endsWith('...')).toBe(true);
    expect(long.startsWith(clipped.slice(0, -3))).toBe(true);
    expect(clipText('short', 60)).toBe('short');
  });
});

describe('timeline steps on the VR panel', () => {
  it('steps a tenth of the span, kept within it', () => {
    expect(steppedMoment(50, 0, 100, 1)).toBe(60);
    expect(steppedMoment(50, 0, 100, -1)).toBe(40);
    expect(steppedMoment(95, 0, 100, 1)).toBe(100);
    expect(steppedMoment(3, 0, 100, -1)).toBe(0);
  });

  it('speeds move through the offered list and stop at its ends', () => {
    expect(steppedSpeed(1, 1)).toBe(2);
    expect(steppedSpeed(1, -1)).toBe(0.5);
    expect(steppedSpeed(0.5, -1)).toBe(0.5);
    expect(steppedSpeed(8, 1)).toBe(8);
  });
});
