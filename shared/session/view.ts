import type * as Y from 'yjs';
import { SessionDocError } from './errors.ts';
import { viewMap, plain } from './roots.ts';
import {
  encodingFitsChannel,
  encodingSchema,
  filterModeSchema,
  pointScaleSchema,
  positionSourceSchema,
} from './schema.ts';
import type { Encoding, EncodingChannel, FilterMode, PositionSource, ViewState } from './types.ts';

/** What a session shows before anyone changes it: the embedding, coloured by cluster. */
export const DEFAULT_VIEW: ViewState = {
  position: { by: 'embedding' },
  color: { by: 'cluster', palette: 'tableau10' },
  size: { by: 'constant', value: 1 },
  opacity: { by: 'constant', value: 1 },
  pointScale: 1,
  filterMode: 'fade',
};

export const ENCODING_CHANNELS: readonly EncodingChannel[] = ['color', 'size', 'opacity'];

/** Parses a view-like value field by field; each invalid field falls back to its default. */
export function parseView(value: unknown, defaults: ViewState = DEFAULT_VIEW): ViewState {
  const get = (key: string): unknown =>
    typeof value === 'object' && value !== null ? plain((value as Record<string, unknown>)[key]) : undefined;
  return {
    position: positionSourceSchema.safeParse(get('position')).data ?? defaults.position,
    color: parseEncoding('color', get('color')) ?? defaults.color,
    size: parseEncoding('size', get('size')) ?? defaults.size,
    opacity: parseEncoding('opacity', get('opacity')) ?? defaults.opacity,
    pointScale: pointScaleSchema.safeParse(get('pointScale')).data ?? defaults.pointScale,
    filterMode: filterModeSchema.safeParse(get('filterMode')).data ?? defaults.filterMode,
  };
}

function parseEncoding(channel: EncodingChannel, value: unknown): Encoding | undefined {
  const parsed = encodingSchema.safeParse(value);
  return parsed.success && encodingFitsChannel(channel, parsed.data) ? parsed.data : undefined;
}

export function readView(doc: Y.Doc): ViewState {
  return parseView(viewMap(doc).toJSON());
}

export function setEncoding(doc: Y.Doc, channel: EncodingChannel, enc: Encoding, origin: unknown = null): void {
  if (!ENCODING_CHANNELS.includes(channel)) throw new SessionDocError('invalid_channel', `unknown channel ${String(channel)}`);
  const parsed = parseEncoding(channel, enc);
  if (!parsed) throw new SessionDocError('invalid_encoding', `invalid ${channel} encoding: ${JSON.stringify(enc)}`);
  doc.transact(() => viewMap(doc).set(channel, parsed), origin);
}

export function setPositionSource(doc: Y.Doc, source: PositionSource, origin: unknown = null): void {
  const parsed = positionSourceSchema.safeParse(source);
  if (!parsed.success) throw new SessionDocError('invalid_position', `invalid position source: ${JSON.stringify(source)}`);
  doc.transact(() => viewMap(doc).set('position', parsed.data), origin);
}

export function setPointScale(doc: Y.Doc, scale: number, origin: unknown = null): void {
  const parsed = pointScaleSchema.safeParse(scale);
  if (!parsed.success) throw new SessionDocError('invalid_point_scale', `point scale must be in (0, 100], got ${scale}`);
  doc.transact(() => viewMap(doc).set('pointScale', parsed.data), origin);
}

export function setFilterMode(doc: Y.Doc, mode: FilterMode, origin: unknown = null): void {
  const parsed = filterModeSchema.safeParse(mode);
  if (!parsed.success) throw new SessionDocError('invalid_filter_mode', `filter mode must be fade or hide, got ${String(mode)}`);
  doc.transact(() => viewMap(doc).set('filterMode', parsed.data), origin);
}

/** Replaces the whole view (applying a bookmark); fields go in separately so they merge per channel. */
export function writeView(doc: Y.Doc, view: ViewState, origin: unknown = null): void {
  const parsed = parseView(view);
  doc.transact(() => {
    const map = viewMap(doc);
    for (const [key, value] of Object.entries(parsed)) {
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
    }
  }, origin);
}
