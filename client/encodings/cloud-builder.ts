import type { Filter, Selection, ViewState, Encoding } from '../../shared/session/index.ts';
import type { ColumnData } from '../../shared/table.ts';
import type { PointCloudData } from '../scene/types.ts';
import { PointFlag } from '../scene/flags.ts';
import { composeColors, constantColors, encodeColors, type ColorResult } from './color-encoding.ts';
import { evaluateFilters, type FilterResult } from './filters.ts';
import type { Legend } from './legend.ts';
import { constantMagnitude, encodeMagnitude, OPACITY_RANGE, SIZE_RANGE, type MagnitudeRange } from './magnitude-encoding.ts';
import { memoLast } from './memo.ts';
import { DEFAULT_CATEGORICAL, categoricalPalette } from './palettes.ts';
import type { PointContext } from './point-context.ts';
import { valuesFor } from './point-values.ts';
import { positionsFor } from './positions.ts';
import { selectionMask } from './selection.ts';

export interface CloudInputs {
  ctx: PointContext;
  /** Embedding positions of the analysis (or the latest intermediate layout). */
  embedding: Float32Array;
  view: ViewState;
  filters: readonly Filter[];
  selection: Selection;
  /** Search matches per point (or null: no search). */
  search: Uint8Array | null;
  /** Points hovered by other participants. */
  hoveredByOthers: readonly number[];
  /** Column names the dataset has (filters on other names let everything through). */
  knownColumns: ReadonlySet<string>;
}

export interface CloudOutput {
  data: PointCloudData;
  legend: Legend | null;
  filter: FilterResult;
  selectedCount: number;
  selectedMask: Uint8Array;
  /** Columns some encoding or filter needs that are not loaded yet. */
  pending: string[];
}

const key = (value: unknown): string => JSON.stringify(value);
const columnFor = (enc: Encoding, ctx: PointContext): ColumnData | undefined => (enc.by === 'column' && enc.column ? ctx.columns.get(enc.column) : undefined);

/**
 * Turns the session state plus the loaded data into the scene's typed arrays. Each step is
 * memoised on exactly the inputs it reads, so a filter drag recomputes flags only, a colour
 * change recomputes colours only, and a React render with nothing new costs nothing. 1M
 * points stay responsive because nothing here runs per render.
 */
export class CloudBuilder {
  private readonly colors = memoLast((encKey: string, _col: ColumnData | undefined, ctx: PointContext, enc: Encoding): ColorResult | { pending: string } => {
    if (enc.by === 'constant') return constantColors(ctx.count, typeof enc.value === 'string' ? enc.value : categoricalPalette(DEFAULT_CATEGORICAL)[0]);
    const result = valuesFor(enc, ctx);
    if (result === null) return constantColors(ctx.count, categoricalPalette(DEFAULT_CATEGORICAL)[0]);
    if ('pending' in result) return { pending: result.pending };
    void encKey;
    return encodeColors(result.values, enc, result.title);
  });

  private readonly magnitude = (range: MagnitudeRange) =>
    memoLast((encKey: string, _col: ColumnData | undefined, ctx: PointContext, enc: Encoding): Float32Array | { pending: string } => {
      void encKey;
      if (enc.by === 'constant') return constantMagnitude(ctx.count, typeof enc.value === 'number' ? enc.value : 1);
      const result = valuesFor(enc, ctx);
      if (result === null) return constantMagnitude(ctx.count, 1);
      if ('pending' in result) return { pending: result.pending };
      return encodeMagnitude(result.values, enc, range);
    });

  private readonly sizes = this.magnitude(SIZE_RANGE);
  private readonly opacity = this.magnitude(OPACITY_RANGE);
  private readonly rgba = memoLast((rgb: Uint8Array, opacity: Float32Array | null) => composeColors(rgb, opacity));

  private readonly positions = memoLast(
    (sourceKey: string, embedding: Float32Array, x: ColumnData | undefined, y: ColumnData | undefined, z: ColumnData | undefined, ctx: PointContext, view: ViewState) => {
      void sourceKey, x, y, z;
      return positionsFor(view.position, embedding, ctx);
    },
  );

  private readonly filterStep = memoLast((filtersKey: string, _cols: string, ctx: PointContext, filters: readonly Filter[], known: ReadonlySet<string>) => {
    void filtersKey;
    return evaluateFilters(filters, ctx, known);
  });

  private readonly selectionStep = memoLast((selKey: string, rowIndex: Uint32Array, cluster: Int32Array, selection: Selection) => {
    void selKey;
    return selectionMask(selection, rowIndex, cluster);
  });

  private readonly hoverStep = memoLast((hoverKey: string, count: number, points: readonly number[]) => {
    void hoverKey;
    const mask = new Uint8Array(count);
    for (const p of points) if (p >= 0 && p < count) mask[p] = 1;
    return mask;
  });

  private readonly flagsStep = memoLast((passes: Uint8Array, selected: Uint8Array, anomalyFlag: Uint8Array, search: Uint8Array | null, hovered: Uint8Array) => {
    const n = passes.length;
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      flags[i] =
        (passes[i] ? PointFlag.PassesFilter : 0) |
        (selected[i] ? PointFlag.Selected : 0) |
        (anomalyFlag[i] ? PointFlag.Anomaly : 0) |
        (search && search[i] ? PointFlag.Highlight : 0) |
        (hovered[i] ? PointFlag.HoveredByOther : 0);
    }
    return flags;
  });

  private readonly assemble = memoLast((count: number, positions: Float32Array, colors: Uint8Array, sizes: Float32Array, flags: Uint8Array): PointCloudData => ({
    count,
    positions,
    colors,
    sizes,
    flags,
  }));

  /** Last complete arrays, shown while a newly needed column loads (no flash of defaults). */
  private lastColors: ColorResult | null = null;
  private lastSizes: Float32Array | null = null;
  private lastOpacity: Float32Array | null = null;
  private lastPositions: Float32Array | null = null;

  build(input: CloudInputs): CloudOutput {
    const { ctx, view } = input;
    const pending: string[] = [];
    const n = ctx.count;

    const colorResult = this.colors(key(view.color), columnFor(view.color, ctx), ctx, view.color);
    let colors: ColorResult;
    if ('pending' in colorResult) {
      pending.push(colorResult.pending);
      colors = this.lastColors && this.lastColors.rgb.length === n * 3 ? this.lastColors : constantColors(n, categoricalPalette(DEFAULT_CATEGORICAL)[0]);
    } else colors = this.lastColors = colorResult;

    const sizeResult = this.sizes(key(view.size), columnFor(view.size, ctx), ctx, view.size);
    let sizes: Float32Array;
    if ('pending' in sizeResult) {
      pending.push(sizeResult.pending);
      sizes = this.lastSizes && this.lastSizes.length === n ? this.lastSizes : constantMagnitude(n, 1);
    } else sizes = this.lastSizes = sizeResult;

    let opacity: Float32Array | null = null;
    if (!(view.opacity.by === 'constant' && view.opacity.value === 1)) {
      const opacityResult = this.opacity(key(view.opacity), columnFor(view.opacity, ctx), ctx, view.opacity);
      if ('pending' in opacityResult) {
        pending.push(opacityResult.pending);
        opacity = this.lastOpacity && this.lastOpacity.length === n ? this.lastOpacity : null;
      } else opacity = this.lastOpacity = opacityResult;
    }

    const p = view.position;
    const cols = p.by === 'columns' ? [ctx.columns.get(p.x), ctx.columns.get(p.y), ctx.columns.get(p.z)] : [undefined, undefined, undefined];
    const positionResult = this.positions(key(p), input.embedding, cols[0], cols[1], cols[2], ctx, view);
    let positions: Float32Array;
    if ('pending' in positionResult) {
      pending.push(...positionResult.pending);
      positions = this.lastPositions && this.lastPositions.length === n * 3 ? this.lastPositions : input.embedding;
    } else positions = this.lastPositions = positionResult.positions;

    // Filters re-run when a column they read arrives: the loaded-column list is part of the key.
    const filterColumns = input.filters.flatMap((f) => ('column' in f && ctx.columns.has(f.column) ? [f.column] : [])).join('\u0000');
    const filter = this.filterStep(key(input.filters), filterColumns, ctx, input.filters, input.knownColumns);
    pending.push(...filter.pending);

    const sel = this.selectionStep(key([input.selection.points, input.selection.clusters]), ctx.rowIndex, ctx.cluster, input.selection);
    const hovered = this.hoverStep(input.hoveredByOthers.join(','), n, input.hoveredByOthers);
    const flags = this.flagsStep(filter.passes, sel.mask, ctx.anomalyFlag, input.search, hovered);
    const rgba = this.rgba(colors.rgb, opacity);
    return {
      data: this.assemble(n, positions, rgba, sizes, flags),
      legend: colors.legend,
      filter,
      selectedCount: sel.count,
      selectedMask: sel.mask,
      pending: [...new Set(pending)],
    };
  }
}
