import type { Rgb } from './palettes.ts';

/** sRGB channel (0–255) to linear light. */
function toLinear(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Linear light to an sRGB channel (0–255). */
function toSrgb(l: number): number {
  const c = l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, c * 255));
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: Rgb): number {
  return 0.2126 * toLinear(r) + 0.7152 * toLinear(g) + 0.0722 * toLinear(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * A ramp whose darkest colour keeps `minRatio` contrast against `background`: viridis, plasma and
 * magma start near black and their low end vanished on the dark scene. The ramp's OKLab
 * lightness is remapped linearly from [darkest, lightest] to [floor, lightest] with each
 * colour's a/b (hue and chroma) kept: the ramp stays monotone, its light end does not move, and
 * the dark purple of viridis becomes a clear purple rather than a grey. The floor is raised
 * until every stop, rounded to 8 bits, meets the ratio. A ramp already above it is returned as is.
 */
export function liftRamp(stops: readonly Rgb[], background: Rgb, minRatio: number): Rgb[] {
  const meets = (ramp: readonly Rgb[]) => ramp.every((c) => contrastRatio(c, background) >= minRatio);
  if (meets(stops)) return stops.map((s) => [...s] as Rgb);
  const lab = stops.map(toOklab);
  const lightness = lab.map((c) => c[0]);
  const [lowest, highest] = [Math.min(...lightness), Math.max(...lightness)];
  // Start at the lightness of a grey with the floor's luminance, and step up for chromatic stops.
  const floorY = minRatio * (relativeLuminance(background) + 0.05) - 0.05;
  for (let floor = Math.cbrt(floorY); floor < highest; floor += 0.005) {
    const lifted = lab.map(([l, a, b]) => fromOklab([floor + ((l - lowest) * (highest - floor)) / (highest - lowest), a, b]));
    if (meets(lifted)) return lifted;
  }
  return stops.map((s) => [...s] as Rgb);
}

/** sRGB (0–255) to OKLab (Björn Ottosson's matrices). */
function toOklab(colour: Rgb): Rgb {
  const [r, g, b] = colour.map(toLinear);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s, 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s, 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s];
}

/** OKLab to sRGB (0–255), channels clipped to the gamut and rounded. */
function fromOklab([L, A, B]: Rgb): Rgb {
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
  const linear = [4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s, -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s, -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s];
  return linear.map((v) => Math.round(toSrgb(Math.max(0, Math.min(1, v))))) as Rgb;
}
