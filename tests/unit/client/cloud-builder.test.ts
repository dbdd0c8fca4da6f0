import { describe, expect, it } from 'vitest';
import { CloudBuilder, type CloudInputs } from '../../../client/encodings/cloud-builder.ts';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { DEFAULT_VIEW, EMPTY_SELECTION, rangesFromIndices, type Filter } from '../../../shared/session/index.ts';
import { penguins } from './penguin-context.ts';

describe('CloudBuilder', () => {
  async function inputs(): Promise<CloudInputs> {
    const { ctx } = await penguins();
    const embedding = new Float32Array(ctx.count * 3).map((_, i) => (i % 7) / 7 - 0.5);
    return { ctx, embedding, view: DEFAULT_VIEW, filters: [], selection: EMPTY_SELECTION, search: null, hoveredByOthers: [], knownColumns: new Set(ctx.columns.keys()) };
  }

  it('recomputes only the arrays whose inputs changed', async () => {
    const builder = new CloudBuilder();
    const base = await inputs();
    const first = builder.build(base);
    // Same inputs, new objects with equal content (what a React render produces): nothing new.
    const again = builder.build({ ...base, view: { ...base.view }, filters: [] });
    expect(again.data).toBe(first.data);

    const filter: Filter = { id: 'f', kind: 'cluster', values: [1], enabled: true, author: 't', createdAt: 1 };
    const filtered = builder.build({ ...base, filters: [filter] });
    expect(filtered.data.colors).toBe(first.data.colors);
    expect(filtered.data.positions).toBe(first.data.positions);
    expect(filtered.data.sizes).toBe(first.data.sizes);
    expect(filtered.data.flags).not.toBe(first.data.flags);

    const recoloured = builder.build({ ...base, filters: [filter], view: { ...base.view, color: { by: 'anomaly' } } });
    expect(recoloured.data.flags).toBe(filtered.data.flags);
    expect(recoloured.data.colors).not.toBe(filtered.data.colors);
    expect(recoloured.legend?.kind).toBe('continuous');
  });

  it('sets each flag bit from its source', async () => {
    const base = await inputs();
    const { ctx } = base;
    const search = new Uint8Array(ctx.count);
    search[5] = 1;
    const out = new CloudBuilder().build({
      ...base,
      filters: [{ id: 'f', kind: 'cluster', values: [0], enabled: true, author: 't', createdAt: 1 }],
      selection: { ...EMPTY_SELECTION, points: rangesFromIndices([ctx.rowIndex[3], ctx.rowIndex[4]]) },
      search,
      hoveredByOthers: [9],
    });
    const { flags } = out.data;
    for (let i = 0; i < ctx.count; i++) {
      expect((flags[i] & PointFlag.PassesFilter) !== 0).toBe(ctx.cluster[i] === 0);
      expect((flags[i] & PointFlag.Selected) !== 0).toBe(i === 3 || i === 4);
      expect((flags[i] & PointFlag.Anomaly) !== 0).toBe(ctx.anomalyFlag[i] === 1);
      expect((flags[i] & PointFlag.Highlight) !== 0).toBe(i === 5);
      expect((flags[i] & PointFlag.HoveredByOther) !== 0).toBe(i === 9);
    }
    expect(out.selectedCount).toBe(2);
    expect(out.filter.passCount).toBe(Array.from(ctx.cluster).filter((c) => c === 0).length);
  });

  it('keeps the last colours while a newly chosen column loads, and says which column it waits for', async () => {
    const base = await inputs();
    const builder = new CloudBuilder();
    const first = builder.build(base);
    const partial = { ...base.ctx, columns: new Map() };
    const waiting = builder.build({ ...base, ctx: partial, view: { ...base.view, color: { by: 'column', column: 'Island' } } });
    expect(waiting.pending).toEqual(['Island']);
    expect(waiting.data.colors).toEqual(first.data.colors);
  });
});
