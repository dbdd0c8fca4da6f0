import type { Filter, Selection, ViewState, Encoding } from '../../shared/session/index.ts';
import type { ColumnData } from '../../shared/table.ts';
import type { PointCloudData } from '../scene/types.ts';
import { PointFlag } from '../../shared/scene/flags.ts';
import { composeColors, constantColors, type ColorResult } from '../../shared/encodings/color-encoding.ts';
import { colorsOf, FALLBACK_COLOR, magnitudeOf } from '../../shared/encodings/channels.ts';
import { evaluateFilters, type FilterResult } from '../../shared/encodings/filters.ts';
import { TimeState } from '../../shared/time/time-window.ts';
import type { Legend } from '../../shared/encodings/legend.ts';
import { withVisibleCounts } from '../../shared/encodings/legend-visible.ts';
import { constantMagnitude, OPACITY_RANGE, SIZE_RANGE } from '../../shared/encodings/magnitude-encoding.ts';
import { memoKeyed } from './memo.ts';
import type { PointContext } from '../../shared/encodings/point-context.ts';
import { positionsFor, type PositionsResult } from '../../shared/encodings/positions.ts';
import { selectionMask } from './selection.ts';

export interface CloudInputs {
  ctx: PointContext;
  /** Embedding positions of the analysis (or the latest intermediate layout). */
  embedding: Float32Array;
  view: ViewState;
  filters: readonly Filter[];
  selection: Selection;
  /** Search matches per point (or null: no search); with any match, the rest are dimmed. */
  search: Uint8Array | null;
  /** Points hovered by other participants. */
  hoveredByOthers: readonly number[];
  /** Fade unselected points while the selection is not empty (a personal lens; default true). */
  dimUnselected?: boolean;
  /** Column names the dataset has (filters on other names let everything through). */
  knownColumns: ReadonlySet<string>;
  /**
   * The timeline's per-point state (TimeState, mutated in place; `version` says when) or null
   * while it is off: only rows in its window count as visible, the rest are flagged OutOfTime.
   */
  time?: { state: Uint8Array; version: number } | null;
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

/** The filters' result narrowed to the rows in the timeline's window. */
function withinTime(filter: FilterResult, state: Uint8Array): FilterResult {
  const passes = new Uint8Array(filter.passes.length);
  let passCount = 0;
  for (let i = 0; i < passes.length; i++) {
    passes[i] = filter.passes[i] && state[i] === TimeState.In ? 1 : 0;
    passCount += passes[i];
  }
  return { passes, passCount, pending: filter.pending };
}

function flagsOf(passes: Uint8Array, selected: Uint8Array, anomalyFlag: Uint8Array, search: Uint8Array | null, hovered: Uint8Array, dimUnselected: boolean, time: Uint8Array | null): Uint8Array {
  const n = passes.length;
  const flags = new Uint8Array(n);
  // A search with no match dims nothing: fading the whole cloud would only hide it. A selection
  // dims the rest the same way, so what is selected stands out on every screen.
  const dimming = search !== null && search.includes(1);
  const selecting = dimUnselected && selected.includes(1);
  for (let i = 0; i < n; i++) {
    flags[i] =
      (passes[i] ? PointFlag.PassesFilter : 0) |
      (selected[i] ? PointFlag.Selected : 0) |
      (anomalyFlag[i] ? PointFlag.Anomaly : 0) |
      (search && search[i] ? PointFlag.Highlight : 0) |
      ((dimming && !search[i]) || (selecting && !selected[i]) ? PointFlag.Dimmed : 0) |
      (hovered[i] ? PointFlag.HoveredByOther : 0) |
      (time && time[i] !== TimeState.In ? PointFlag.OutOfTime : 0);
  }
  return flags;
}
const columnFor = (enc: Encoding, ctx: PointContext): ColumnData | undefined => (enc.by === 'column' && enc.column ? ctx.columns.get(enc.column) : undefined);

/**
 * Turns the session state plus the loaded data into the scene's typed arrays. Each step is
 * memoised on exactly the inputs it reads, so a filter drag recomputes flags only, a colour
 * change recomputes colours only, and a React render with nothing new costs nothing. 1M
 * points stay responsive because nothing here runs per render.
 */
export class CloudBuilder {
  private readonly colors = memoKeyed<ColorResult | { pending: string }>();
  private readonly sizes = memoKeyed<Float32Array | { pending: string }>();
  private readonly opacity = memoKeyed<Float32Array | { pending: string }>();
  private readonly rgba = memoKeyed<Uint8Array>();
  private readonly positions = memoKeyed<PositionsResult>();
  private readonly filterStep = memoKeyed<FilterResult>();
  private readonly timeStep = memoKeyed<FilterResult>();
  private readonly selectionStep = memoKeyed<{ mask: Uint8Array; count: number }>();
  private readonly hoverStep = memoKeyed<Uint8Array>();
  private readonly flagsStep = memoKeyed<Uint8Array>();
  private readonly legendStep = memoKeyed<Legend>();
  private readonly assemble = memoKeyed<PointCloudData>();

  /** Last complete arrays, shown while a newly needed column loads (no flash of defaults). */
  private lastColors: ColorResult | null = null;
  private lastSizes: Float32Array | null = null;
  private lastOpacity: Float32Array | null = null;
  private lastPositions: Float32Array | null = null;

  build(input: CloudInputs): CloudOutput {
    const { ctx, view } = input;
    const pending: string[] = [];
    const n = ctx.count;

    const colorResult = this.colors([key(view.color), columnFor(view.color, ctx), ctx], () => colorsOf(view.color, ctx));
    let colors: ColorResult;
    if ('pending' in colorResult) {
      pending.push(colorResult.pending);
      colors = this.lastColors && this.lastColors.rgb.length === n * 3 ? this.lastColors : constantColors(n, FALLBACK_COLOR);
    } else colors = this.lastColors = colorResult;

    const sizeResult = this.sizes([key(view.size), columnFor(view.size, ctx), ctx], () => magnitudeOf(view.size, ctx, SIZE_RANGE));
    let sizes: Float32Array;
    if ('pending' in sizeResult) {
      pending.push(sizeResult.pending);
      sizes = this.lastSizes && this.lastSizes.length === n ? this.lastSizes : constantMagnitude(n, 1);
    } else sizes = this.lastSizes = sizeResult;

    let opacity: Float32Array | null = null;
    if (!(view.opacity.by === 'constant' && view.opacity.value === 1)) {
      const opacityResult = this.opacity([key(view.opacity), columnFor(view.opacity, ctx), ctx], () => magnitudeOf(view.opacity, ctx, OPACITY_RANGE));
      if ('pending' in opacityResult) {
        pending.push(opacityResult.pending);
        opacity = this.lastOpacity && this.lastOpacity.length === n ? this.lastOpacity : null;
      } else opacity = this.lastOpacity = opacityResult;
    }

    const p = view.position;
    const cols = p.by === 'columns' ? [ctx.columns.get(p.x), ctx.columns.get(p.y), ctx.columns.get(p.z)] : [undefined, undefined, undefined];
    const positionResult = this.positions([key(p), input.embedding, cols[0], cols[1], cols[2], ctx], () => positionsFor(p, input.embedding, ctx));
    let positions: Float32Array;
    if ('pending' in positionResult) {
      pending.push(...positionResult.pending);
      positions = this.lastPositions && this.lastPositions.length === n * 3 ? this.lastPositions : input.embedding;
    } else positions = this.lastPositions = positionResult.positions;

    // Filters re-run when a column they read arrives: the loaded-column list is part of the key.
    const filterColumns = input.filters.flatMap((f) => ('column' in f && ctx.columns.has(f.column) ? [f.column] : [])).join('\u0000');
    const filter = this.filterStep([key(input.filters), filterColumns, ctx, input.knownColumns], () => evaluateFilters(input.filters, ctx, input.knownColumns));
    pending.push(...filter.pending);

    const sel = this.selectionStep([key([input.selection.points, input.selection.clusters]), ctx], () => selectionMask(input.selection, ctx.rowIndex, ctx.cluster));
    const hovered = this.hoverStep([input.hoveredByOthers.join(','), n], () => {
      const mask = new Uint8Array(n);
      for (const p of input.hoveredByOthers) if (p >= 0 && p < n) mask[p] = 1;
      return mask;
    });
    const dimUnselected = input.dimUnselected ?? true;
    // The scene draws time itself (smoothly, from its lens); the flags keep the filters' pass bit
    // and mark rows out of the window, so picking and counts follow the timeline's steps.
    const time = input.time && input.time.state.length === n ? input.time : null;
    const visible = this.timeStep([filter, time?.state, time?.version], () => (time ? withinTime(filter, time.state) : filter));
    const flags = this.flagsStep([filter.passes, sel.mask, ctx.anomalyFlag, input.search, hovered, dimUnselected, time?.state, time?.version], () =>
      flagsOf(filter.passes, sel.mask, ctx.anomalyFlag, input.search, hovered, dimUnselected, time?.state ?? null),
    );
    const rgba = this.rgba([colors.rgb, opacity], () => composeColors(colors.rgb, opacity));
    return {
      data: this.assemble([n, positions, rgba, sizes, flags], () => ({ count: n, positions, colors: rgba, sizes, flags })),
      legend: this.legendStep([colors.legend, colors.itemOf, visible.passes], () => withVisibleCounts(colors.legend, colors.itemOf, visible.passes, visible.passCount)),
      filter: visible,
      selectedCount: sel.count,
      selectedMask: sel.mask,
      pending: [...new Set(pending)],
    };
  }
}
