/**
 * Colour palettes for a dark background. Categorical palettes are lists of distinct hues;
 * continuous ones are evenly spaced stops interpolated in sRGB (close enough to perceptual
 * for ten-stop ramps taken from matplotlib's viridis family).
 */
import { liftRamp } from './contrast.ts';

export type Rgb = [number, number, number];

export const CATEGORICAL_PALETTES: Record<string, readonly string[]> = {
  tableau10: ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'],
  observable10: ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'],
  bright: ['#56b4e9', '#e69f00', '#009e73', '#f0e442', '#cc79a7', '#d55e00', '#0072b2', '#e0e0e0'],
};

/** The scene's background (and the page's, --bg in app.css): palettes are chosen to read on it. */
export const SCENE_BACKGROUND = '#0b0f17';
/**
 * The least contrast a ramp's darkest colour keeps against SCENE_BACKGROUND: WCAG's 3:1 for
 * graphical objects (the darkest viridis stop had 1.3:1 and vanished).
 */
export const RAMP_MIN_CONTRAST = 3;

/** The ramps as published, before lifting their dark end (CONTINUOUS_PALETTES). */
const PUBLISHED_RAMPS: Record<string, readonly string[]> = {
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'],
  plasma: ['#0d0887', '#46039f', '#7201a8', '#9c179e', '#bd3786', '#d8576b', '#ed7953', '#fb9f3a', '#fdca26', '#f0f921'],
  magma: ['#000004', '#180f3d', '#440f76', '#721f81', '#9e2f7f', '#cd4071', '#f1605d', '#fd9668', '#feca8d', '#fcfdbf'],
  cool: ['#6e40aa', '#6054c8', '#4c6edb', '#368ce1', '#23abd8', '#1ac7c2', '#1ddfa3', '#30ef82', '#52f667', '#aff05b'],
};

/** The ramps the app draws with: the published ones with their dark end lifted to RAMP_MIN_CONTRAST. */
export const CONTINUOUS_PALETTES: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(PUBLISHED_RAMPS).map(([name, stops]) => [name, liftRamp(stops.map(hexToRgb), hexToRgb(SCENE_BACKGROUND), RAMP_MIN_CONTRAST).map(rgbToHex)]),
);

export const DEFAULT_CATEGORICAL = 'tableau10';
export const DEFAULT_CONTINUOUS = 'viridis';
export const DEFAULT_ANOMALY_PALETTE = 'plasma';
/** Missing values, noise and categories past the palette. */
export const MUTED_COLOR = '#5d6470';

export function hexToRgb(hex: string): Rgb {
  const v = Number.parseInt(hex.slice(1, 7), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${((1 << 24) | (Math.round(r) << 16) | (Math.round(g) << 8) | Math.round(b)).toString(16).slice(1)}`;
}

export function categoricalPalette(name: string | undefined): readonly string[] {
  return (name && CATEGORICAL_PALETTES[name]) || CATEGORICAL_PALETTES[DEFAULT_CATEGORICAL];
}

export function continuousPalette(name: string | undefined, fallback = DEFAULT_CONTINUOUS): readonly string[] {
  return (name && CONTINUOUS_PALETTES[name]) || CONTINUOUS_PALETTES[fallback];
}

/** A 256-entry RGB lookup table of a continuous palette: per-point colouring is then one index. */
export function rampTable(stops: readonly string[]): Uint8Array {
  const rgb = stops.map(hexToRgb);
  const out = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (rgb.length - 1);
    const k = Math.min(rgb.length - 2, Math.floor(x));
    const f = x - k;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(rgb[k][c] + (rgb[k + 1][c] - rgb[k][c]) * f);
  }
  return out;
}

/** CSS gradient of a continuous palette, for colour bars. */
export function rampCss(stops: readonly string[], direction = 'to right'): string {
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}
