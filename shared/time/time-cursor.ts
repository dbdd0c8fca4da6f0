import { TimeState, timeRanges, type TimeIndex, type TimeRanges, type TimeWindow } from './time-window.ts';

/**
 * The visible set of a playing timeline, kept per point and moved with three pointers over the
 * time-sorted points: a step costs the rows whose state changed (entered, started fading,
 * left), never a pass over every point, so a frame where no date is crossed costs nothing.
 * `passes` (the filters' result, optional) is folded in: `inPassing` counts rows both in the
 * window and passing the filters, which is what "n of N visible" shows.
 */
export class TimeCursor {
  /** Per point: TimeState (Out, In, Fading). Mutated in place; `version` changes with it. */
  readonly state: Uint8Array;
  ranges: TimeRanges = { fadeLo: 0, inLo: 0, hi: 0 };
  inPassing = 0;
  /** Bumped whenever `state` changed. */
  version = 0;
  private passes: Uint8Array | null = null;

  constructor(
    readonly index: TimeIndex,
    count: number,
  ) {
    this.state = new Uint8Array(count);
  }

  /** Rows in the window now. */
  get inCount(): number {
    return this.ranges.hi - this.ranges.inLo;
  }

  /** New filter results: the passing count is recounted once (O(rows in the window)). */
  setPasses(passes: Uint8Array | null): void {
    this.passes = passes;
    this.inPassing = 0;
    const { order } = this.index;
    for (let j = this.ranges.inLo; j < this.ranges.hi; j++) if (!passes || passes[order[j]]) this.inPassing++;
  }

  /** Moves to a moment; returns how many rows changed state (0: nothing to redraw or recount). */
  moveTo(w: TimeWindow): number {
    const next = timeRanges(this.index, w);
    const prev = this.ranges;
    if (next.fadeLo === prev.fadeLo && next.inLo === prev.inLo && next.hi === prev.hi) return 0;
    this.ranges = next;
    let changed = 0;
    // Only positions between a pointer's old and new place can have changed state.
    changed += this.restate(prev.fadeLo, next.fadeLo);
    changed += this.restate(prev.inLo, next.inLo);
    changed += this.restate(prev.hi, next.hi);
    if (changed > 0) this.version++;
    return changed;
  }

  private restate(a: number, b: number): number {
    const { order } = this.index;
    const { fadeLo, inLo, hi } = this.ranges;
    let changed = 0;
    for (let j = Math.min(a, b); j < Math.max(a, b); j++) {
      const p = order[j];
      const s = j < fadeLo ? TimeState.Out : j < inLo ? TimeState.Fading : j < hi ? TimeState.In : TimeState.Out;
      const was = this.state[p];
      if (s === was) continue;
      this.state[p] = s;
      changed++;
      if (!this.passes || this.passes[p]) {
        if (s === TimeState.In) this.inPassing++;
        else if (was === TimeState.In) this.inPassing--;
      }
    }
    return changed;
  }
}
