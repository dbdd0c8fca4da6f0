import { describe, expect, it } from 'vitest';
import { CloudBuilder, type CloudInputs } from '../../../client/encodings/cloud-builder.ts';
import { visibleMarks } from '../../../shared/encodings/legend-visible.ts';
import { legendMarks } from '../../../shared/encodings/legend.ts';
import { DEFAULT_VIEW, EMPTY_SELECTION, rangesFromIndices, type Filter } from '../../../shared/session/index.ts';
import { penguins } from './penguin-context.ts';

describe('legend counts under filters ("n of N visible"), on the penguins', () => {
  async function inputs(): Promise<CloudInputs> {
    const { ctx } = await penguins();
    return {
      ctx,
      embedding: new Float32Array(ctx.count * 3),
      view: { ...DEFAULT_VIEW, color: { by: 'column', column: 'Island' } },
      filters: [],
      selection: EMPTY_SELECTION,
      search: null,
      hoveredByOthers: [],
      knownColumns: new Set(ctx.columns.keys()),
    };
  }
  const heavy: Filter = { id: 'f', kind: 'range', column: 'Body Mass (g)', min: 4500, max: null, enabled: true, author: 't', createdAt: 1 };

  it('counts each island’s points that pass a body-mass filter beside its total, as the table says', async () => {
    const { table, column, ctx } = await penguins();
    const base = await inputs();
    const builder = new CloudBuilder();
    const plain = builder.build(base).legend!;
    if (plain.kind !== 'categorical') throw new Error('expected a categorical legend');
    expect(plain.items.every((item) => item.visible === undefined)).toBe(true);

    const out = builder.build({ ...base, filters: [heavy] });
    const legend = out.legend!;
    if (legend.kind !== 'categorical') throw new Error('expected a categorical legend');
    // Straight from the table: rows with a body mass (the analysed points) per island, and those ≥ 4500 g.
    const island = column('Island');
    const mass = column('Body Mass (g)');
    if (island.type !== 'category' || mass.type !== 'number') throw new Error('unexpected column types');
    const total = new Map<string, number>();
    const kept = new Map<string, number>();
    for (let r = 0; r < table.rowCount; r++) {
      if (Number.isNaN(mass.values[r])) continue;
      const name = island.dictionary[island.codes[r]];
      total.set(name, (total.get(name) ?? 0) + 1);
      if (mass.values[r] >= 4500) kept.set(name, (kept.get(name) ?? 0) + 1);
    }
    expect(legend.items.map((i) => [i.label, i.visible, i.count])).toEqual(legend.items.map((i) => [i.label, kept.get(i.label) ?? 0, total.get(i.label)]));
    // Biscoe holds the heavy Gentoos: most of it stays; Torgersen (Adelies only) keeps few.
    const biscoe = legend.items.find((i) => i.label === 'Biscoe')!;
    expect(biscoe.visible! / biscoe.count).toBeGreaterThan(0.6);
    expect(legend.items.reduce((s, i) => s + i.visible!, 0)).toBe(out.filter.passCount);
    expect(out.filter.passCount).toBeLessThan(ctx.count);
  });

  it('counts the flagged and selected points that pass, for the ring rows', async () => {
    const { ctx } = await penguins();
    const base = await inputs();
    const light = ctx.anomalyFlag.indexOf(0);
    const flagged = ctx.anomalyFlag.indexOf(1);
    const out = new CloudBuilder().build({
      ...base,
      filters: [heavy],
      selection: { ...EMPTY_SELECTION, points: rangesFromIndices([ctx.rowIndex[light], ctx.rowIndex[flagged]].sort((a, b) => a - b)) },
    });
    const visible = visibleMarks(out.data.flags, out.filter.passCount)!;
    // Flagged = heavier than 6000 g: all pass a ≥ 4500 g filter.
    const flaggedTotal = ctx.anomalyFlag.reduce((s, f) => s + f, 0);
    expect(visible.anomaly).toBe(flaggedTotal);
    expect(visible.selected).toBe(out.filter.passes[light] + 1);
    const marks = legendMarks({ anomalyFlagged: flaggedTotal, contamination: 0.02, selectedCount: out.selectedCount, searchCount: null, visible });
    expect(marks.map((m) => [m.kind, m.visible, m.count])).toEqual([
      ['anomaly', flaggedTotal, flaggedTotal],
      ['selected', out.filter.passes[light] + 1, 2],
    ]);
    expect(visibleMarks(new CloudBuilder().build(base).data.flags, ctx.count)).toBeNull();
  });
});
