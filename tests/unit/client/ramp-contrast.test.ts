import { describe, expect, it } from 'vitest';
import { contrastRatio, liftRamp, relativeLuminance } from '../../../shared/encodings/contrast.ts';
import { CONTINUOUS_PALETTES, hexToRgb, RAMP_MIN_CONTRAST, rampTable, SCENE_BACKGROUND, type Rgb } from '../../../shared/encodings/palettes.ts';

const background = hexToRgb(SCENE_BACKGROUND);
const entries = (table: Uint8Array): Rgb[] => Array.from({ length: table.length / 3 }, (_, i) => [table[i * 3], table[i * 3 + 1], table[i * 3 + 2]]);

describe('continuous colour ramps on the dark scene', () => {
  it('measures the published dark ends as unreadable (the bug) with the WCAG formula', () => {
    // viridis' first stop, magma's near-black: about 1.3:1 and 1:1 against the scene.
    expect(contrastRatio(hexToRgb('#440154'), background)).toBeLessThan(1.4);
    expect(contrastRatio(hexToRgb('#000004'), background)).toBeLessThan(1.1);
    expect(contrastRatio([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 6);
  });

  it('keeps every colour of every ramp, as drawn (256-entry table), at 3:1 or more against the background', () => {
    for (const [name, stops] of Object.entries(CONTINUOUS_PALETTES)) {
      const worst = Math.min(...entries(rampTable(stops)).map((c) => contrastRatio(c, background)));
      expect(worst, name).toBeGreaterThanOrEqual(RAMP_MIN_CONTRAST);
    }
  });

  it('keeps the ramps ordered dark to light as published and their light end where it was', () => {
    const published: Record<string, string[]> = {
      viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
      magma: ['#000004', '#180f3d', '#440f76', '#721f81', '#9e2f7f', '#cd4071', '#f1605d', '#fd9668', '#feca8d', '#fcfdbf'],
    };
    for (const [name, stops] of Object.entries(published)) {
      const lifted = CONTINUOUS_PALETTES[name].map(hexToRgb);
      const lum = lifted.map(relativeLuminance);
      for (let i = 1; i < lum.length; i++) expect(lum[i], `${name} stop ${i}`).toBeGreaterThan(lum[i - 1]);
      expect(lifted.at(-1)).toEqual(hexToRgb(stops.at(-1)!));
      // The dark end keeps its hue: viridis starts purple (blue and red over green), not grey.
      if (name === 'viridis') {
        const [r, g, b] = lifted[0];
        expect(Math.min(r, b) - g).toBeGreaterThan(30);
      }
    }
  });

  it('leaves a ramp that already meets the floor as it is', () => {
    const light: Rgb[] = [
      [120, 160, 220],
      [250, 240, 120],
    ];
    expect(liftRamp(light, background, 3)).toEqual(light);
  });
});
