import type { Encoding } from '../session/index.ts';
import { formatDate, formatNumber, type Legend, type LegendItem } from './legend.ts';
import {
  categoricalPalette,
  continuousPalette,
  DEFAULT_ANOMALY_PALETTE,
  hexToRgb,
  MUTED_COLOR,
  rampTable,
} from './palettes.ts';
import { makeNormaliser } from './scales.ts';
import type { PointValues } from './point-values.ts';

export interface ColorResult {
  /** count × 3 RGB. Alpha comes from the opacity channel (composeColors). */
  rgb: Uint8Array;
  legend: Legend;
  /** Categorical only: per point, the index of its legend item, -1 = a rarer level in the muted colour. */
  itemOf?: Int32Array;
}

/** The most distinct colours a categorical legend hands out; rarer levels share the muted colour. */
export const MAX_CATEGORY_COLORS = 20;

export function constantColors(count: number, color: string): ColorResult {
  const [r, g, b] = hexToRgb(color);
  const rgb = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) {
    rgb[i * 3] = r;
    rgb[i * 3 + 1] = g;
    rgb[i * 3 + 2] = b;
  }
  return { rgb, legend: { kind: 'constant', title: 'Colour', color } };
}

export function encodeColors(values: PointValues, enc: Encoding, title: string): ColorResult {
  return values.kind === 'categorical' ? categoricalColors(values, enc, title) : continuousColors(values, enc, title);
}

function categoricalColors(values: Extract<PointValues, { kind: 'categorical' }>, enc: Encoding, title: string): ColorResult {
  const palette = categoricalPalette(enc.palette);
  const levels = values.labels.length;
  // Clusters keep their id order (cluster 0 is the largest); column levels go by frequency so the
  // commonest categories get the distinct colours.
  const order = Array.from({ length: levels }, (_, i) => i);
  if (enc.by !== 'cluster') order.sort((a, b) => values.counts[b] - values.counts[a] || a - b);
  const colorOf = new Array<string>(levels).fill(MUTED_COLOR);
  const limit = Math.min(MAX_CATEGORY_COLORS, palette.length * 2);
  const items: LegendItem[] = [];
  const itemOfLevel = new Int32Array(levels).fill(-1);
  let otherCount = 0;
  for (let rank = 0; rank < order.length; rank++) {
    const level = order[rank];
    if (values.counts[level] === 0) continue;
    // A cluster's colour is its (displayed) id's, gaps included, so a cluster keeps its colour
    // across a re-analysis whatever other numbers exist (clusterColor says the same).
    const slot = enc.by === 'cluster' ? level : items.length;
    if (slot < limit) {
      colorOf[level] = variant(palette, slot);
      itemOfLevel[level] = items.length;
      items.push({ label: values.labels[level], color: colorOf[level], count: values.counts[level], key: values.keys[level] });
    } else otherCount += values.counts[level];
  }
  const missingItem = values.missingCount > 0 ? items.length : -1;
  if (values.missingCount > 0) items.push({ label: values.missingLabel, color: MUTED_COLOR, count: values.missingCount, key: null });
  const table = colorOf.map(hexToRgb);
  const muted = hexToRgb(MUTED_COLOR);
  const n = values.codes.length;
  const rgb = new Uint8Array(n * 3);
  const itemOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = values.codes[i];
    const color = c >= 0 && c < levels ? table[c] : muted;
    rgb[i * 3] = color[0];
    rgb[i * 3 + 1] = color[1];
    rgb[i * 3 + 2] = color[2];
    itemOf[i] = c >= 0 && c < levels ? itemOfLevel[c] : missingItem;
  }
  return { rgb, legend: { kind: 'categorical', title, items, otherCount }, itemOf };
}

/**
 * The colour a cluster gets when the cloud is coloured by cluster (ids in order, noise muted),
 * so panels can show it whatever the current colour encoding is.
 */
export function clusterColor(id: number, paletteName?: string): string {
  const palette = categoricalPalette(paletteName);
  if (id < 0 || id >= Math.min(MAX_CATEGORY_COLORS, palette.length * 2)) return MUTED_COLOR;
  return variant(palette, id);
}

/** Past the palette's length, reuse its hues a little lighter rather than repeating them exactly. */
function variant(palette: readonly string[], index: number): string {
  const base = palette[index % palette.length];
  if (index < palette.length) return base;
  const [r, g, b] = hexToRgb(base);
  const mix = (v: number) => Math.round(v + (255 - v) * 0.45);
  return `#${((1 << 24) | (mix(r) << 16) | (mix(g) << 8) | mix(b)).toString(16).slice(1)}`;
}

function continuousColors(values: Extract<PointValues, { kind: 'continuous' }>, enc: Encoding, title: string): ColorResult {
  const stops = continuousPalette(enc.palette, enc.by === 'anomaly' ? DEFAULT_ANOMALY_PALETTE : undefined);
  const table = rampTable(stops);
  const norm = makeNormaliser(values.values, enc.scale ?? 'linear');
  const muted = hexToRgb(MUTED_COLOR);
  const n = values.values.length;
  const rgb = new Uint8Array(n * 3);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const t = norm.apply(values.values[i]);
    if (Number.isNaN(t)) {
      missing++;
      rgb[i * 3] = muted[0];
      rgb[i * 3 + 1] = muted[1];
      rgb[i * 3 + 2] = muted[2];
      continue;
    }
    const k = Math.max(0, Math.min(255, Math.round(t * 255))) * 3;
    rgb[i * 3] = table[k];
    rgb[i * 3 + 1] = table[k + 1];
    rgb[i * 3 + 2] = table[k + 2];
  }
  const fmt = values.temporal ? formatDate : formatNumber;
  const ticks = Number.isNaN(norm.min) ? [] : [0, 0.5, 1].map((t) => ({ t, label: fmt(norm.invert(t)) }));
  return { rgb, legend: { kind: 'continuous', title, stops, ticks, missing } };
}

/**
 * Interleaves RGB with per-point opacity into the scene's RGBA bytes. `opacity` null = opaque.
 */
export function composeColors(rgb: Uint8Array, opacity: Float32Array | null): Uint8Array {
  const n = rgb.length / 3;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    out[i * 4] = rgb[i * 3];
    out[i * 4 + 1] = rgb[i * 3 + 1];
    out[i * 4 + 2] = rgb[i * 3 + 2];
    out[i * 4 + 3] = opacity ? Math.round(Math.max(0, Math.min(1, opacity[i])) * 255) : 255;
  }
  return out;
}
