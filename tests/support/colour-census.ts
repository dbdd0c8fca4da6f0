import { hexToRgb } from '../../shared/encodings/palettes.ts';
import type { Pixels } from './browser.ts';

const chroma = (r: number, g: number, b: number): [number, number, number] => {
  const s = r + g + b || 1;
  return [r / s, g / s, b / s];
};

/**
 * Pixels per colour, matched by chromaticity (sphere shading changes brightness, not hue).
 * Dark and grey pixels (background, grid, faded points) count for none; `skip(x, y)` leaves out
 * regions such as an overlaid legend.
 */
export function colourCensus(px: Pixels, colours: readonly string[], skip: (x: number, y: number) => boolean = () => false): number[] {
  const targets = colours.map((c) => chroma(...hexToRgb(c)));
  const counts = new Array<number>(colours.length).fill(0);
  for (let y = 0; y < px.height; y++) {
    for (let x = 0; x < px.width; x++) {
      if (skip(x, y)) continue;
      const i = (y * px.width + x) * 4;
      const [r, g, b] = [px.data[i], px.data[i + 1], px.data[i + 2]];
      if (Math.max(r, g, b) < 60 || Math.max(r, g, b) - Math.min(r, g, b) < 25) continue;
      const c = chroma(r, g, b);
      let best = -1;
      let bestD = 0.03;
      targets.forEach((t, k) => {
        const d = Math.hypot(c[0] - t[0], c[1] - t[1], c[2] - t[2]);
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      });
      if (best >= 0) counts[best]++;
    }
  }
  return counts;
}
