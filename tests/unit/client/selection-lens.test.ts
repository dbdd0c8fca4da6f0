import { describe, expect, it } from 'vitest';
import { CloudBuilder, type CloudInputs } from '../../../client/encodings/cloud-builder.ts';
import { searchPoints } from '../../../client/encodings/search.ts';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { DEFAULT_VIEW, EMPTY_SELECTION, rangesFromIndices } from '../../../shared/session/index.ts';
import { penguins } from './penguin-context.ts';

/** A selection dims the rest like the search lens does: faded, never hidden, flags otherwise untouched. */
describe('selection as a lens', () => {
  async function inputs(): Promise<CloudInputs> {
    const { ctx } = await penguins();
    const embedding = new Float32Array(ctx.count * 3).map((_, i) => (i % 7) / 7 - 0.5);
    return { ctx, embedding, view: DEFAULT_VIEW, filters: [], selection: EMPTY_SELECTION, search: null, hoveredByOthers: [], knownColumns: new Set(ctx.columns.keys()) };
  }

  it('dims exactly the unselected points while a selection exists (cluster or rows), nothing without one', async () => {
    const base = await inputs();
    const none = new CloudBuilder().build(base).data.flags;
    expect(none.some((f) => (f & PointFlag.Dimmed) !== 0)).toBe(false);

    const { ctx } = base;
    const out = new CloudBuilder().build({ ...base, selection: { ...EMPTY_SELECTION, clusters: [1] } });
    const inCluster = Array.from(ctx.cluster).filter((c) => c === 1).length;
    expect(out.selectedCount).toBe(inCluster);
    for (let i = 0; i < ctx.count; i++) {
      const selected = ctx.cluster[i] === 1;
      expect((out.data.flags[i] & PointFlag.Selected) !== 0).toBe(selected);
      expect((out.data.flags[i] & PointFlag.Dimmed) !== 0).toBe(!selected);
      expect(out.data.flags[i] & PointFlag.PassesFilter).toBe(PointFlag.PassesFilter);
    }

    const rows = new CloudBuilder().build({ ...base, selection: { ...EMPTY_SELECTION, points: rangesFromIndices([ctx.rowIndex[3], ctx.rowIndex[40]]) } }).data.flags;
    expect(rows.filter((f) => (f & PointFlag.Dimmed) === 0).length).toBe(2);
  });

  it('is personal: switched off, a selection dims nothing (the Selected bit stays)', async () => {
    const base = await inputs();
    const out = new CloudBuilder().build({ ...base, selection: { ...EMPTY_SELECTION, clusters: [1] }, dimUnselected: false });
    expect(out.data.flags.some((f) => (f & PointFlag.Dimmed) !== 0)).toBe(false);
    expect(out.data.flags.filter((f) => (f & PointFlag.Selected) !== 0).length).toBe(out.selectedCount);
  });

  it('with a search too, only selected matches stay lit', async () => {
    const base = await inputs();
    const { ctx } = base;
    const search = searchPoints('gentoo', ['Species'], ctx);
    const out = new CloudBuilder().build({ ...base, search: search.mask, selection: { ...EMPTY_SELECTION, clusters: [0] } });
    for (let i = 0; i < ctx.count; i++) {
      const lit = search.mask[i] === 1 && ctx.cluster[i] === 0;
      expect((out.data.flags[i] & PointFlag.Dimmed) === 0).toBe(lit);
    }
  });
});
